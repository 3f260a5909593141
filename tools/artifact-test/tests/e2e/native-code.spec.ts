import { readdirSync } from 'node:fs';
import path from 'node:path';
import { AMAZON_LINUX_2023, compareVersions, elfVersionNeeds, newerThanAmazonLinux2023 } from '../../src';

const THUMBNAIL = path.resolve(__dirname, '../../../../dist/apps/thumbnail');

function nativeFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.node$|\.so(\.\d+)*$/.test(f))
    .map((f) => path.join(dir, f));
}

// QEMU runs the bundles on Debian 12's glibc 2.36; Lambda has 2.34, so what 2.36 loads proves nothing about 2.34.
describe("the shipped native code against Amazon Linux 2023's glibc (what emulation on this machine cannot see)", () => {
  it(`needs no GLIBC newer than ${AMAZON_LINUX_2023.GLIBC} nor GLIBCXX newer than ${AMAZON_LINUX_2023.GLIBCXX}`, () => {
    const files = nativeFiles(THUMBNAIL);
    expect(files.map((f) => path.basename(f)).sort()).toEqual([expect.stringMatching(/^libvips-cpp\.so/), expect.stringMatching(/^sharp-linux-arm64.*\.node$/)]);
    for (const file of files) {
      const needs = elfVersionNeeds(file);
      expect(needs['libc.so.6']).toEqual(expect.arrayContaining([expect.stringMatching(/^GLIBC_2\.\d+$/)]));
      expect({ file: path.basename(file), newer: newerThanAmazonLinux2023(needs) }).toEqual({ file: path.basename(file), newer: [] });
    }
  });

  it("catches a library built against a newer glibc: this machine's own arm64 libstdc++ (Debian 12: GLIBC_2.36)", () => {
    const newer = newerThanAmazonLinux2023(elfVersionNeeds('/usr/lib/aarch64-linux-gnu/libstdc++.so.6'));
    expect(newer).toEqual(expect.arrayContaining([expect.stringMatching(/^GLIBC_2\.\d+$/)]));
    for (const name of newer) expect(compareVersions(name.replace(/^GLIBC_/, ''), AMAZON_LINUX_2023.GLIBC)).toBeGreaterThan(0);
  });

  it('compares versions by number, not text', () => {
    expect(compareVersions('2.9', '2.28')).toBeLessThan(0);
    expect(compareVersions('3.4.29', '3.4.29')).toBe(0);
    expect(compareVersions('3.4.30', '3.4.29')).toBeGreaterThan(0);
    expect(newerThanAmazonLinux2023({ 'libstdc++.so.6': ['GLIBCXX_3.4.30', 'CXXABI_1.3.13'], 'libc.so.6': ['GLIBC_2.34'] })).toEqual(['GLIBCXX_3.4.30']);
  });
});
