import { appBundleTarget, bundleApp } from '../../src';

describe('appBundleTarget', () => {
  it('reads the esbuild target of an app’s project.json', () => {
    const target = appBundleTarget('thumbnail');
    expect(target.main).toBe('apps/thumbnail/src/handler.ts');
    expect(target.external).toContain('sharp');
  });

  it('fails clearly for an app without one', () => {
    expect(() => appBundleTarget('local-stack')).toThrow('apps/local-stack/project.json has no @nx/esbuild:esbuild target');
  });
});

describe('bundleApp', () => {
  it('bundles an app in memory, its entry among the inputs', async () => {
    const { js, metafile } = await bundleApp('presign');
    expect(js.byteLength).toBeGreaterThan(1000);
    expect(Object.keys(metafile.inputs)).toContain('apps/presign/src/handler.ts');
  });
});
