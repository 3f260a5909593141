// @ts-check
// Mutation testing of this lib (StrykerJS): `npx nx mutation jwt`; the shared options and the scores: docs/mutation-testing.md.
import { strykerPreset } from '../../../stryker.preset.mjs';

export default strykerPreset(import.meta.url, {
  mutate: ['src/**/*.ts', '!src/index.ts'],
  // The verifier, the JWKS fetcher and the authorizer handler are tested against a local JWKS server
  // (tests/integration); the in-process tier alone scores 72.7 % (92 mutants uncovered).
  integration: true,
});
