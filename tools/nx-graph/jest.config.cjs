module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'nx-graph',
  rootDir: __dirname,
};
