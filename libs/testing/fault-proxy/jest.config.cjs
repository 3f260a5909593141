module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'testing-fault-proxy',
  rootDir: __dirname,
};
