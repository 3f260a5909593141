const path = require('node:path');

module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'e2e',
  rootDir: __dirname,
  // One local stack for every file here (tests/setup): started once, each file signs in as its own users.
  globalSetup: path.join(__dirname, 'tests/setup/global-setup.cjs'),
  globalTeardown: path.join(__dirname, 'tests/setup/global-teardown.cjs'),
  // The files share that stack and two cores: one after the other, in this process.
  maxWorkers: 1,
  // A bound on a hang (waits are for events, each bounded by EVENT_WAIT_MS), above what a busy machine needs.
  testTimeout: 300_000,
};
