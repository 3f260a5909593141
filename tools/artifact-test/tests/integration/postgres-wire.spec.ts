import { PGlite } from '@electric-sql/pglite';
import { Pool } from 'pg';
import { type PostgresWireServer, startPostgresWireServer } from '../../src';
import { selfSignedCertificate } from '../helpers/tls-certificate';

describe('startPostgresWireServer', () => {
  let pglite: PGlite;
  let server: PostgresWireServer;
  let pool: Pool;
  beforeAll(async () => {
    pglite = await PGlite.create();
    server = await startPostgresWireServer(pglite);
    pool = new Pool({ connectionString: server.url, max: 1 });
  });
  afterAll(async () => {
    await pool?.end();
    await server?.close();
    await pglite?.close();
  });

  it('answers a pg client over TCP: parameters, types, transactions', async () => {
    expect(server.url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
    expect((await pool.query('SELECT $1::int + 1 AS n, $2::text AS s', [41, 'x'])).rows).toEqual([{ n: 42, s: 'x' }]);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('CREATE TABLE items (id int PRIMARY KEY)');
      await client.query('INSERT INTO items VALUES (1), (2)');
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    expect((await pglite.query<{ n: number }>('SELECT count(*)::int AS n FROM items')).rows).toEqual([{ n: 2 }]);
  });

  it('passes a server error to the client and keeps serving it', async () => {
    await expect(pool.query('SELECT no_such_column FROM items')).rejects.toThrow(/column "no_such_column" does not exist/);
    expect((await pool.query('SELECT 1 AS ok')).rows).toEqual([{ ok: 1 }]);
  });

  it('hangs up on a startup message of an unknown protocol version', async () => {
    const { Socket } = await import('node:net');
    const url = new URL(server.url);
    const socket = new Socket();
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.connect(Number(url.port), '127.0.0.1', () => {
      const message = Buffer.alloc(8);
      message.writeInt32BE(8, 0);
      message.writeInt32BE(0x00020000, 4);
      socket.write(message);
    });
    await closed;
    expect(socket.bytesRead).toBe(0);
  });

  it('speaks TLS when given a certificate: a client verifying it gets in, one that does not trust it is refused', async () => {
    const certificate = selfSignedCertificate();
    const secure = await startPostgresWireServer(pglite, { tls: certificate });
    const { port } = new URL(secure.url);
    const config = { host: '127.0.0.1', port: Number(port), user: 'postgres', database: 'postgres', max: 1 };
    const trusting = new Pool({ ...config, ssl: { ca: certificate.cert, rejectUnauthorized: true } });
    const untrusting = new Pool({ ...config, ssl: { rejectUnauthorized: true } });
    try {
      expect((await trusting.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      await expect(untrusting.query('SELECT 1')).rejects.toThrow(/self-signed certificate/);
    } finally {
      await Promise.all([trusting.end(), untrusting.end()]);
      await secure.close();
      certificate.remove();
    }
  });
});
