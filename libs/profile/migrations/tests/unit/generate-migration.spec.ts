import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateMigration } from '../../src';
import { InvalidMigrationFileError, InvalidMigrationNameError } from '../../src/errors';
import { sqlMigrationProvider } from '../../src/sql-migration-provider';

describe('generateMigration', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'cruddur-generate-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('names the file by UTC timestamp and snake_case name, with both markers', async () => {
    const file = await generateMigration('Add location-to users', { dir, now: new Date('2026-11-27T10:15:30.999Z') });
    expect(path.basename(file)).toBe('20261127101530_add_location_to_users.sql');
    const text = await readFile(file, 'utf8');
    expect(text).toMatch(/^-- migrate:up$/m);
    expect(text).toMatch(/^-- migrate:down$/m);
  });

  it('sorts after the newest existing migration even when the clock is behind it', async () => {
    await writeFile(path.join(dir, '20261231235959_future.sql'), '');
    const file = await generateMigration('next', { dir, now: new Date('2026-01-01T00:00:00Z') });
    expect(path.basename(file)).toBe('20270101000000_next.sql');
    expect((await readdir(dir)).sort().pop()).toBe('20270101000000_next.sql');
  });

  it.each(['', '1st', 'drop table; --', 'x'.repeat(81)])('refuses the name %j', async (name) => {
    await expect(generateMigration(name, { dir })).rejects.toThrow(InvalidMigrationNameError);
  });

  it('writes a file that migrate refuses until both scripts are filled in', async () => {
    await generateMigration('empty', { dir });
    await expect(sqlMigrationProvider(dir).getMigrations()).rejects.toThrow(InvalidMigrationFileError);
  });
});
