module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'avatar-processing',
  rootDir: __dirname,
};
