import { appBundleTarget, bundleApp } from '@cruddur/testing/fixtures';
import { BUNDLE_BUDGET_BYTES, FUNCTIONS } from '../../src/targets';

// Built here from each project's own esbuild options, so the budget holds for the source as it
// is now, whether or not dist/ exists or is stale.
describe('function bundle budgets (minified JavaScript)', () => {
  it.each(FUNCTIONS)('%s stays within its budget', async (fn) => {
    const { js } = await bundleApp(fn);
    expect(js.byteLength).toBeGreaterThan(1000);
    expect(js.byteLength).toBeLessThanOrEqual(BUNDLE_BUDGET_BYTES[fn]);
  });

  it('the thumbnail bundle keeps sharp out (its binaries ship beside it) and the credential chain trimmed', async () => {
    expect(appBundleTarget('thumbnail').external).toContain('sharp');
    const js = Buffer.from((await bundleApp('thumbnail')).js).toString('utf8');
    expect(js).toMatch(/require\("sharp"\)/);
    // The SSO/STS clients of the default credential chain: Lambda gives credentials in env.
    expect(js).not.toMatch(/sso-oidc|AssumeRoleWithWebIdentity/);
  });
});
