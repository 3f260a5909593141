module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'image',
  rootDir: __dirname,
};
