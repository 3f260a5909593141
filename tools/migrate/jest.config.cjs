module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'migrate',
  rootDir: __dirname,
  // Each test spawns the CLI (tsx + PGlite) several times; that takes seconds, not milliseconds.
  testTimeout: 120000,
};
