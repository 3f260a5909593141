import { copyFile, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { type Database, DatabaseConfigError } from '@cruddur/profile/db';
import { customResourceEvent } from '@cruddur/shared/lambda-events';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { createMigrateHandler, defaultMigrationsDir, migrationStatus } from '../../src';
import { MIGRATIONS_RESOURCE_ID } from '../../src/migrate-handler';
import { MigrationFailedError } from '../../src/errors';
import { freshDatabase } from '../helpers/fresh-database';

const logger = new Logger({ logLevel: 'SILENT' });
const SQL_DIR = defaultMigrationsDir();

function cfnEvent(requestType: 'Create' | 'Update' | 'Delete'): CloudFormationCustomResourceEvent {
  return customResourceEvent(requestType, { physicalResourceId: MIGRATIONS_RESOURCE_ID, properties: { BundleFingerprint: 'abc' } });
}

async function sqlFiles(): Promise<string[]> {
  return (await readdir(SQL_DIR)).filter((f) => f.endsWith('.sql')).sort();
}

/** A folder holding only the first `count` migrations of the repo. */
async function olderBundleDir(count: number): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'cruddur-older-bundle-'));
  for (const file of (await sqlFiles()).slice(0, count)) await copyFile(path.join(SQL_DIR, file), path.join(dir, file));
  return dir;
}

describe('createMigrateHandler (the migrations custom resource)', () => {
  let db: Database;
  const dirs: string[] = [];
  beforeEach(async () => {
    db = await freshDatabase();
  });
  afterEach(async () => {
    await db.close();
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('applies every migration on Create, and none on the next Update', async () => {
    const migrate = createMigrateHandler({ db, logger });
    const names = (await sqlFiles()).map((f) => f.replace(/\.sql$/, ''));

    await expect(migrate(cfnEvent('Create'))).resolves.toEqual({
      PhysicalResourceId: MIGRATIONS_RESOURCE_ID,
      Data: { Status: 'migrated', Applied: names.join(',') },
    });
    expect((await migrationStatus(db)).every((m) => m.appliedAt !== undefined)).toBe(true);

    await expect(migrate(cfnEvent('Update'))).resolves.toEqual({
      PhysicalResourceId: MIGRATIONS_RESOURCE_ID,
      Data: { Status: 'migrated', Applied: '' },
    });
  });

  it('applies only the pending migrations of a newer bundle', async () => {
    const older = await olderBundleDir(1);
    dirs.push(older);
    await createMigrateHandler({ db, logger, dir: older })(cfnEvent('Create'));
    const result = await createMigrateHandler({ db, logger })(cfnEvent('Update'));
    expect(result.Data.Applied.split(',')).toEqual((await sqlFiles()).slice(1).map((f) => f.replace(/\.sql$/, '')));
  });

  it('leaves a database that is ahead of the bundle alone, so a rolled-back deploy can finish its rollback', async () => {
    await createMigrateHandler({ db, logger })(cfnEvent('Create'));
    const older = await olderBundleDir(1);
    dirs.push(older);
    await expect(createMigrateHandler({ db, logger, dir: older })(cfnEvent('Update'))).resolves.toEqual({
      PhysicalResourceId: MIGRATIONS_RESOURCE_ID,
      Data: { Status: 'database-ahead', Applied: '' },
    });
    expect(await migrationStatus(db)).toHaveLength((await sqlFiles()).length);
  });

  it('never touches the schema on Delete', async () => {
    await expect(createMigrateHandler({ db, logger })(cfnEvent('Delete'))).resolves.toEqual({
      PhysicalResourceId: MIGRATIONS_RESOURCE_ID,
      Data: { Status: 'skipped', Applied: '' },
    });
    const { rows } = await db.query<{ present: boolean }>("SELECT to_regclass('schema_migrations') IS NOT NULL AS present");
    expect(rows[0]?.present).toBe(false);
  });

  it('fails the deployment when a migration fails, naming it', async () => {
    const broken = await olderBundleDir(3);
    dirs.push(broken);
    await writeFile(
      path.join(broken, '29991231235959_broken.sql'),
      '-- migrate:up\nALTER TABLE no_such_table ADD COLUMN x int;\n-- migrate:down\nSELECT 1;\n',
    );
    await expect(createMigrateHandler({ db, logger, dir: broken })(cfnEvent('Create'))).rejects.toThrow(MigrationFailedError);
    await expect(createMigrateHandler({ db, logger, dir: broken })(cfnEvent('Update'))).rejects.toThrow(/29991231235959_broken/);
  });

  it('waits for a database that is not reachable yet (a paused Aurora writer resuming)', async () => {
    let failures = 2;
    const flaky: Database = {
      ...db,
      query: async (sql, params) => {
        if (failures > 0) {
          failures -= 1;
          throw new Error('Connection terminated due to connection timeout');
        }
        return db.query(sql, params);
      },
    };
    const result = await createMigrateHandler({ db: flaky, logger, retryDelayMs: 1 })(cfnEvent('Create'));
    expect(result.Data.Status).toBe('migrated');
    expect(failures).toBe(0);
  });

  it('gives up after the configured attempts, and does not retry a configuration error', async () => {
    let calls = 0;
    const down: Database = {
      ...db,
      query: async () => {
        calls += 1;
        throw new Error('connect ETIMEDOUT');
      },
    };
    await expect(createMigrateHandler({ db: down, logger, connectAttempts: 3, retryDelayMs: 1 })(cfnEvent('Create'))).rejects.toThrow(
      'connect ETIMEDOUT',
    );
    expect(calls).toBe(3);

    calls = 0;
    const misconfigured: Database = {
      ...db,
      query: async () => {
        calls += 1;
        throw new DatabaseConfigError('database secret needs host, username and password');
      },
    };
    await expect(createMigrateHandler({ db: misconfigured, logger, retryDelayMs: 1 })(cfnEvent('Create'))).rejects.toThrow(DatabaseConfigError);
    expect(calls).toBe(1);
  });
});
