module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'cost',
  rootDir: __dirname,
};
