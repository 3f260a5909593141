module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'testing-emf',
  rootDir: __dirname,
};
