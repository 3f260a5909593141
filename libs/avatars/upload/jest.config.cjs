module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'avatar-upload',
  rootDir: __dirname,
};
