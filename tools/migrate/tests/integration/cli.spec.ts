import { cp, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultMigrationsDir } from '@cruddur/profile/migrations';
import { runMigrateCli } from '../../src/cli';

async function cli(argv: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runMigrateCli(argv, { stdout: (l) => out.push(l), stderr: (l) => err.push(l), env });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('migrate CLI', () => {
  let tmp: string;
  let url: string;
  beforeEach(async () => {
    tmp = await mkdtemp(path.join(tmpdir(), 'cruddur-migrate-cli-'));
    url = `pglite://${path.join(tmp, 'pgdata')}`;
  });
  afterEach(() => rm(tmp, { recursive: true, force: true }));

  it('migrates, reports status, rolls back and migrates again on a PGlite folder', async () => {
    const status0 = await cli(['status', '--database-url', url]);
    expect(status0.stdout.split('\n')).toEqual([
      expect.stringMatching(/^pending +20261126233000_create_users$/),
      expect.stringMatching(/^pending +20261126233100_add_bio_to_users$/),
      expect.stringMatching(/^pending +20261126233200_add_avatar_version_to_users$/),
      expect.stringMatching(/^pending +20261201110000_create_app_role$/),
      expect.stringMatching(/^pending +20261201120000_create_avatar_uploads$/),
      expect.stringMatching(/^pending +20261201130000_add_avatar_placeholder$/),
      expect.stringMatching(/^pending +20261201131000_add_avatar_removal$/),
      '0 applied, 7 pending',
    ]);

    const migrated = await cli(['migrate'], { DATABASE_URL: url });
    expect(migrated).toMatchObject({ code: 0, stdout: expect.stringMatching(/^applied 20261126233000_create_users\napplied .*bio.*\napplied .*avatar_version.*\napplied .*app_role\napplied .*avatar_uploads\napplied .*avatar_placeholder\napplied .*avatar_removal$/) });
    expect((await cli(['migrate', '--database-url', url])).stdout).toBe('nothing to migrate: the schema is up to date');

    const status1 = await cli(['status', '--database-url', url]);
    expect(status1.stdout).toMatch(/^applied {2}\d{4}-\d\d-\d\dT[\d:.]+Z {2}20261126233000_create_users$/m);
    expect(status1.stdout).toMatch(/7 applied, 0 pending$/);

    expect((await cli(['rollback', '--database-url', url])).stdout).toBe('rolled back 20261201131000_add_avatar_removal');
    expect((await cli(['rollback', '--database-url', url])).stdout).toBe('rolled back 20261201130000_add_avatar_placeholder');
    expect((await cli(['rollback', '--database-url', url])).stdout).toBe('rolled back 20261201120000_create_avatar_uploads');
    expect((await cli(['status', '--database-url', url])).stdout).toMatch(/pending +20261201120000_create_avatar_uploads\npending +20261201130000_add_avatar_placeholder\npending +20261201131000_add_avatar_removal\n4 applied, 3 pending$/);
    expect((await cli(['migrate', '--database-url', url])).stdout).toBe('applied 20261201120000_create_avatar_uploads\napplied 20261201130000_add_avatar_placeholder\napplied 20261201131000_add_avatar_removal');
    // Ten CLI runs, each opening the PGlite folder: slow on a loaded machine.
  }, 180_000);

  it('says when there is nothing to roll back', async () => {
    expect(await cli(['rollback', '--database-url', url])).toMatchObject({ code: 0, stdout: 'nothing to roll back: no migration is applied' });
  });

  it('generates a migration that sorts last, and refuses to apply it until it is written', async () => {
    const dir = path.join(tmp, 'migrations');
    await cp(defaultMigrationsDir(), dir, { recursive: true });
    const res = await cli(['generate', 'add', 'location', '--dir', dir]);
    expect(res.code).toBe(0);
    const files = (await readdir(dir)).sort();
    expect(files.at(-1)).toMatch(/^\d{14}_add_location\.sql$/);
    expect(res.stdout).toBe(`created ${path.join(dir, files.at(-1)!)}`);

    const refused = await cli(['migrate', '--dir', dir, '--database-url', url]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/add_location\.sql: the up script is empty/);
  });

  it('exits 1 naming a failing migration, whose changes are rolled back', async () => {
    const dir = path.join(tmp, 'migrations');
    await cp(defaultMigrationsDir(), dir, { recursive: true });
    await writeFile(path.join(dir, '20991231000000_broken.sql'), '-- migrate:up\nCREATE TABLE t (id int);\nSELECT nope FROM nowhere;\n-- migrate:down\nDROP TABLE t;\n');
    const res = await cli(['migrate', '--dir', dir, '--database-url', url]);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/^cannot apply 20991231000000_broken: relation "nowhere" does not exist$/);
    expect((await cli(['status', '--dir', dir, '--database-url', url])).stdout).toMatch(/pending +20991231000000_broken\n7 applied, 1 pending$/);
  });
});
