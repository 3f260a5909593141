module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'local-stack',
  rootDir: __dirname,
  // Each integration file starts a whole stack: on two cores they run one after the other.
  maxWorkers: 1,
  testTimeout: 60_000,
};
