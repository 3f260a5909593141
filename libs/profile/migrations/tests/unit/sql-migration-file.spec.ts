import { InvalidMigrationFileError } from '../../src/errors';
import { parseSqlMigration } from '../../src/sql-migration-file';

describe('parseSqlMigration', () => {
  it('splits a file into its up and down scripts', () => {
    const text = '-- why\n-- migrate:up\nCREATE TABLE t (id int);\nCREATE INDEX ON t (id);\n\n--   migrate:down  \nDROP TABLE t;\n';
    expect(parseSqlMigration(text, 'x.sql')).toEqual({
      up: 'CREATE TABLE t (id int);\nCREATE INDEX ON t (id);',
      down: 'DROP TABLE t;',
    });
  });

  it.each([
    ['no markers', 'CREATE TABLE t (id int);'],
    ['no down marker', '-- migrate:up\nCREATE TABLE t (id int);'],
    ['down before up', '-- migrate:down\nDROP TABLE t;\n-- migrate:up\nCREATE TABLE t (id int);'],
    ['an empty down script', '-- migrate:up\nCREATE TABLE t (id int);\n-- migrate:down\n-- nothing to undo?\n'],
    ['an empty up script', '-- migrate:up\n\n-- migrate:down\nDROP TABLE t;'],
    ['a repeated marker', '-- migrate:up\nSELECT 1;\n-- migrate:down\nSELECT 1;\n-- migrate:down\nSELECT 2;'],
  ])('refuses a file with %s', (_, text) => {
    expect(() => parseSqlMigration(text, 'x.sql')).toThrow(InvalidMigrationFileError);
  });
});
