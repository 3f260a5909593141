module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'testing-avatar-messages',
  rootDir: __dirname,
};
