module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'jwt',
  rootDir: __dirname,
};
