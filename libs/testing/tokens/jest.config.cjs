module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'testing-tokens',
  rootDir: __dirname,
};
