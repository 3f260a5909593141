export { parseProfileUpdate } from './profile-update';
export { ensureUser } from './profile-store';
export { s3SupersededRenditions, type SupersededRenditions } from './superseded-renditions';
export { createProfileHandlers, profileDepsFromEnv } from './profile-handlers';
