module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'migrate',
  rootDir: __dirname,
};
