// @ts-check
// Mutation testing of this lib (StrykerJS): `npx nx mutation contract`; the shared options and the scores: docs/mutation-testing.md.
import { strykerPreset } from '../../../stryker.preset.mjs';

export default strykerPreset(import.meta.url, {
  mutate: ['src/**/*.ts', '!src/index.ts'],
});
