module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'testing-bundle',
  rootDir: __dirname,
};
