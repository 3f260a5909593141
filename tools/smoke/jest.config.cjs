module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'smoke',
  rootDir: __dirname,
  // The integration spec starts a whole local stack and runs the CLI against it several times; the
  // outputs spec synthesizes the CDK app once.
  testTimeout: 180_000,
};
