module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'local-s3-front',
  rootDir: __dirname,
};
