import { existsSync, statSync } from 'node:fs';
import { bundlePath } from './paths';
import type { Measurement } from './report';
import { BUNDLE_BUDGET_BYTES, FUNCTIONS, KB } from './targets';

/** Minified bytes of each built function bundle (`dist/apps/<fn>/index.js`, JS only). */
export function benchBundles(): Measurement[] {
  return FUNCTIONS.map((fn) => {
    const file = bundlePath(fn);
    if (!existsSync(file)) throw new Error(`${file} is missing: build it with nx run ${fn}:build`);
    return {
      section: 'bundles',
      measure: `${fn} index.js (minified${fn === 'thumbnail' ? ', sharp binaries excluded' : ''})`,
      value: statSync(file).size / KB,
      unit: 'KB',
      target: { op: '<=', value: BUNDLE_BUDGET_BYTES[fn] / KB },
      goal: 'budgets',
    };
  });
}
