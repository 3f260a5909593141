// @ts-check
// Mutation testing of this lib (StrykerJS): `npx nx mutation profiles`; the shared options and the scores: docs/mutation-testing.md.
import { strykerPreset } from '../../../stryker.preset.mjs';

export default strykerPreset(import.meta.url, {
  mutate: ['src/profile-update.ts', 'src/profile.ts', 'src/avatar.ts', 'src/avatar-processed.ts', 'src/upload-outcome.ts', 'src/upload-status.ts'],
});
