import { runMigrateCli } from './cli';

// `npx tsx tools/migrate/src/main.ts <generate|migrate|rollback|status> [--database-url …]`; see --help.
runMigrateCli(process.argv.slice(2), {
  stdout: (line) => console.log(line),
  stderr: (line) => console.error(line),
  env: process.env,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
