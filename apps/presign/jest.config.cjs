module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'presign',
  rootDir: __dirname,
};
