module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'web',
  rootDir: __dirname,
  // The browser test starts a whole local stack and drives Chromium.
  testTimeout: 120_000,
};
