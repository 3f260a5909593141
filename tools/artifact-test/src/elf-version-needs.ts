import { readFileSync } from 'node:fs';
import { ArtifactTestError } from './errors';

/** The newest glibc and libstdc++ symbol versions the Lambda nodejs22.x runtime (Amazon Linux 2023) provides. */
export const AMAZON_LINUX_2023 = Object.freeze({ GLIBC: '2.34', GLIBCXX: '3.4.29' });

const SHT_GNU_VERNEED = 0x6ffffffe;

/**
 * The symbol versions a 64-bit little-endian ELF shared object needs from each library it links
 * (its `.gnu.version_r` section), e.g. `{ 'libc.so.6': ['GLIBC_2.17', 'GLIBC_2.28'] }`: the
 * dynamic loader refuses the file where a library lacks one of them.
 *
 * @example
 * const needs = elfVersionNeeds('node_modules/@img/sharp-linux-arm64/lib/sharp-linux-arm64-0.35.5.node');
 */
export function elfVersionNeeds(file: string): Record<string, string[]> {
  const elf = readFileSync(file);
  if (elf.readUInt32BE(0) !== 0x7f454c46 || elf[4] !== 2 || elf[5] !== 1) {
    throw new ArtifactTestError(`${file} is not a 64-bit little-endian ELF file`);
  }
  const sectionsAt = Number(elf.readBigUInt64LE(0x28));
  const sectionSize = elf.readUInt16LE(0x3a);
  const sectionCount = elf.readUInt16LE(0x3c);
  const section = (index: number) => {
    const at = sectionsAt + index * sectionSize;
    return { type: elf.readUInt32LE(at + 4), offset: Number(elf.readBigUInt64LE(at + 0x18)), link: elf.readUInt32LE(at + 0x28) };
  };
  const needs: Record<string, string[]> = {};
  for (let i = 0; i < sectionCount; i++) {
    const verneed = section(i);
    if (verneed.type !== SHT_GNU_VERNEED) continue;
    const strings = section(verneed.link).offset;
    const text = (at: number) => elf.toString('latin1', strings + at, elf.indexOf(0, strings + at));
    for (let entry = verneed.offset, next = 1; next !== 0; entry += next) {
      const versions = (needs[text(elf.readUInt32LE(entry + 4))] ??= []);
      for (let aux = entry + elf.readUInt32LE(entry + 8), count = elf.readUInt16LE(entry + 2); count > 0; count--) {
        versions.push(text(elf.readUInt32LE(aux + 8)));
        aux += elf.readUInt32LE(aux + 12);
      }
      next = elf.readUInt32LE(entry + 12);
    }
  }
  return needs;
}

/** Compares dotted versions numerically: `2.9` < `2.28`. */
export function compareVersions(a: string, b: string): number {
  const [x, y] = [a.split('.').map(Number), b.split('.').map(Number)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * The `GLIBC_*` and `GLIBCXX_*` versions a file needs that Amazon Linux 2023 does not have:
 * empty when the file's native code can load on the Lambda runtime as far as glibc goes.
 *
 * @example
 * expect(newerThanAmazonLinux2023(elfVersionNeeds(file))).toEqual([]);
 */
export function newerThanAmazonLinux2023(needs: Record<string, string[]>): string[] {
  return Object.values(needs)
    .flat()
    .filter((name) => {
      const [, library, version] = /^(GLIBC|GLIBCXX)_([\d.]+)$/.exec(name) ?? [];
      return version !== undefined && compareVersions(version, AMAZON_LINUX_2023[library as 'GLIBC' | 'GLIBCXX']) > 0;
    });
}
