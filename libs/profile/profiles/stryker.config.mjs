// @ts-check
// Mutation testing of this lib (StrykerJS): `npx nx mutation profiles`; the shared options and the scores: docs/mutation-testing.md.
import { strykerPreset } from '../../../stryker.preset.mjs';

export default strykerPreset(import.meta.url, {
  // The profile, avatar and upload-status rules, not the handlers and stores around them.
  mutate: ['src/profile-update.ts', 'src/profile.ts', 'src/avatar.ts', 'src/avatar-processed.ts', 'src/upload-outcome.ts', 'src/upload-status.ts'],
  // avatar-processed.ts records into the database: its specs run PGlite (tests/integration).
  integration: true,
});
