import { readdir } from 'node:fs/promises';
import { defaultMigrationsDir } from '@cruddur/profile/migrations';
import { customResourceEvent } from '@cruddur/shared/lambda-events';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import type * as HandlerModule from '../../src/handler';

const SQL_DIR = defaultMigrationsDir();

function cfnEvent(requestType: 'Create'): CloudFormationCustomResourceEvent {
  return customResourceEvent(requestType, { properties: { BundleFingerprint: 'abc' } });
}

async function sqlFiles(): Promise<string[]> {
  return (await readdir(SQL_DIR)).filter((f) => f.endsWith('.sql')).sort();
}

describe('handler.ts', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('exports `migrate`, wired to the same database as the routes', async () => {
    Object.assign(process.env, {
      DATABASE_URL: 'pglite://memory',
      ASSETS_BASE_URL: 'https://assets.example.com',
      ALLOWED_ORIGINS: 'https://app.example',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    });
    let module = {} as typeof HandlerModule;
    jest.isolateModules(() => {
      module = require('../../src/handler');
    });
    try {
      const result = await module.migrate(cfnEvent('Create'));
      expect(result.Data.Status).toBe('migrated');
      const { rows } = await module.database.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
      expect(rows[0]?.n).toBe((await sqlFiles()).length);
    } finally {
      await module.database.close();
    }
  });
});
