module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'local-stack',
  rootDir: __dirname,
  // Each integration file starts a whole stack: on two cores they run one after the other.
  maxWorkers: 1,
  // A bound on a hang (waits are for events, each bounded by EVENT_WAIT_MS), above what a busy machine needs.
  testTimeout: 300_000,
};
