module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'faces',
  rootDir: __dirname,
};
