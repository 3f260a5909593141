module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'local-http-api',
  rootDir: __dirname,
};
