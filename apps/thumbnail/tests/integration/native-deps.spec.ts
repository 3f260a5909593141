import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../../../..');
const EM_AARCH64 = 183;
const EM_X86_64 = 62;

/** The ELF `e_machine` of a shared object: which CPU it was built for. */
function elfMachine(file: string): number {
  const header = readFileSync(file).subarray(0, 20);
  expect(header.subarray(0, 4)).toEqual(Buffer.from([0x7f, 0x45, 0x4c, 0x46]));
  return header.readUInt16LE(18);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

describe('thumbnail artifact', () => {
  const buildCommand: string = JSON.parse(readFileSync(path.join(root, 'apps/thumbnail/project.json'), 'utf8')).targets.build
    .options.command;
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'thumbnail-artifact-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is built for Lambda (linux arm64) whatever machine runs the build', () => {
    expect(buildCommand).toMatch(/add-native-deps\.mjs dist\/apps\/thumbnail .*--cpu arm64 --os linux/);
    const args = buildCommand.replace(/^node /, '').replace('dist/apps/thumbnail', dir).split(' ');
    execFileSync('node', args, { cwd: root, stdio: 'pipe' });

    const natives = filesUnder(path.join(dir, 'node_modules')).filter((f) => /\.node$|\.so(\.\d+)*$/.test(f));
    expect(natives.map((f) => path.relative(dir, f)).sort()).toEqual([
      expect.stringMatching(/^node_modules\/@img\/sharp-libvips-linux-arm64\/lib\/libvips-cpp\.so/),
      expect.stringMatching(/^node_modules\/@img\/sharp-linux-arm64\/lib\/sharp-linux-arm64.*\.node$/),
    ]);
    for (const file of natives) expect(elfMachine(file)).toBe(EM_AARCH64);
  });

  it('ships the same sharp version the tests ran against', () => {
    const shipped = JSON.parse(readFileSync(path.join(dir, 'node_modules/sharp/package.json'), 'utf8')).version;
    const tested = JSON.parse(readFileSync(path.join(root, 'node_modules/sharp/package.json'), 'utf8')).version;
    expect(shipped).toBe(tested);
  });

  it('the host check itself can tell architectures apart', () => {
    const hostSharp = filesUnder(path.join(root, 'node_modules/@img')).find((f) => f.endsWith('.node'));
    expect(hostSharp).toBeDefined();
    expect(elfMachine(hostSharp!)).toBe(process.arch === 'arm64' ? EM_AARCH64 : EM_X86_64);
  });
});
