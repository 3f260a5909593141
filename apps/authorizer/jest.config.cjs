module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'authorizer',
  rootDir: __dirname,
};
