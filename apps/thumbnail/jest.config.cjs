module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'thumbnail',
  rootDir: __dirname,
};
