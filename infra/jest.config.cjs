module.exports = {
  ...require('../jest.preset.js'),
  displayName: 'infra',
  rootDir: __dirname,
  // Each spec file synthesizes a whole CDK app once; that takes seconds, not milliseconds.
  testTimeout: 120000,
};
