// Every stack's template, in one jest file: aws-cdk-lib loads and warms up once (seconds in each new
// jest module registry) and the stock apps are synthesized once (helpers' sharedTestApp), where
// fourteen files each paid both. Each module below is one topic's describe blocks, as its own file was.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import './stacks/api-stack';
import './stacks/cdn-logs';
import './stacks/custom-domain';
import './stacks/database-stack';
import './stacks/dev-stage';
import './stacks/function-stacks';
import './stacks/independence';
import './stacks/kms-grants';
import './stacks/nag';
import './stacks/observability';
import './stacks/profile-stack';
import './stacks/rerunnable-deploys';
import './stacks/storage-stack';
import './stacks/waf';

describe('the stacks file group', () => {
  it('imports every module of tests/integration/stacks (a module left out would never run)', () => {
    const imported = [...readFileSync(__filename, 'utf8').matchAll(/^import '\.\/stacks\/([\w-]+)';$/gm)].map((m) => `${m[1]}.ts`);
    expect(imported.sort()).toEqual(readdirSync(path.join(__dirname, 'stacks')).sort());
  });
});
