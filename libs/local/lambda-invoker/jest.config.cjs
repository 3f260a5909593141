module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'local-lambda-invoker',
  rootDir: __dirname,
};
