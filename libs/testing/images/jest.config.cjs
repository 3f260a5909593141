module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'testing-images',
  rootDir: __dirname,
};
