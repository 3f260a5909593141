module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'local-cognito',
  rootDir: __dirname,
};
