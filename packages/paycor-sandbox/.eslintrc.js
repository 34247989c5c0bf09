module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  testRules: {
    // Most assertions here are supertest's `.expect(status)` on a request chain.
    'jest/expect-expect': [
      'warn',
      { assertFunctionNames: ['expect', '**.expect'] },
    ],
  },
});
