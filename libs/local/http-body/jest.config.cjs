module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'local-http-body',
  rootDir: __dirname,
};
