module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'testing-s3rver',
  rootDir: __dirname,
};
