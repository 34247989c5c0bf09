// Jest config of the reliability suite (`yarn test:reliability` runs it through
// reliability/run.mjs). The suite lives outside the workspaces because it
// spans packages (real backend processes, the sandbox, PostgreSQL), so
// `backstage-cli repo test` (and with it `yarn test`) never picks it up. The
// TypeScript transform is the same SWC transform backstage-cli uses for
// backend packages.
const swc = require.resolve(
  '@backstage/cli-module-test-jest/config/jestSwcTransform',
);

const moduleOpts = {
  module: { ignoreDynamic: true, exportInteropAnnotation: true },
};

module.exports = {
  rootDir: __dirname,
  displayName: 'reliability',
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
  testEnvironment: require.resolve('jest-environment-node'),
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json', 'node'],
  transform: {
    '\\.(mjs|cjs|js)$': [
      swc,
      { ...moduleOpts, jsc: { parser: { syntax: 'ecmascript' } } },
    ],
    '\\.(mts|cts|ts)$': [
      swc,
      { ...moduleOpts, jsc: { parser: { syntax: 'typescript' } } },
    ],
    '\\.(yaml)$': require.resolve(
      '@backstage/cli-module-test-jest/config/jestYamlTransform',
    ),
  },
  transformIgnorePatterns: [
    '/node_modules/(?:@material-ui|ajv|core-js|jest-.*|jsdom|knex|react|react-dom|typescript)/',
  ],
  // Every scenario starts real processes; the runner passes --runInBand.
  testTimeout: 15 * 60_000,
};
