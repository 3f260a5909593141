module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'lambda-events',
  rootDir: __dirname,
};
