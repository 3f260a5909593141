module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'artifact-test',
  rootDir: __dirname,
  // Each file cold-starts Lambda bundles in emulated Node: one file at a time on two cores.
  maxWorkers: 1,
  testTimeout: 120_000,
};
