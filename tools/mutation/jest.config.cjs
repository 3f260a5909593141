module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'mutation',
  rootDir: __dirname,
};
