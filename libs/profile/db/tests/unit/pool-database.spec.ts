import { Pool } from 'pg';
import { poolDatabase } from '../../src/pool-database';

describe('poolDatabase', () => {
  it('survives an idle connection dropped by the server (the pool emits error)', async () => {
    const pool = new Pool({ connectionString: 'postgres://user:pw@127.0.0.1:9/db' });
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const db = poolDatabase(pool, { engine: 'postgres' });
    expect(() => pool.emit('error', new Error('terminating connection due to administrator command'))).not.toThrow();
    expect(warn).toHaveBeenCalledWith('idle database connection lost: terminating connection due to administrator command');
    warn.mockRestore();
    await db.close();
  });
});
