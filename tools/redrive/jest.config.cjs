module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'redrive',
  rootDir: __dirname,
};
