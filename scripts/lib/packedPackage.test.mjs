import assert from 'node:assert/strict';
import { test } from 'node:test';
import { packedPackageProblems, referencedFiles } from './packedPackage.mjs';

// The shape backstage-cli prepack gives a frontend plugin with an ./alpha entry.
const packedFrontendPlugin = {
  name: '@paycor-backstage/plugin-paycor',
  main: 'dist/index.esm.js',
  types: 'dist/index.d.ts',
  exports: {
    '.': {
      import: './dist/index.esm.js',
      types: './dist/index.d.ts',
      default: './dist/index.esm.js',
    },
    './alpha': {
      backstage: '@backstage/FrontendPlugin',
      import: './dist/alpha.esm.js',
      types: './dist/alpha.d.ts',
      default: './dist/alpha.esm.js',
    },
    './package.json': './package.json',
  },
  typesVersions: {
    '*': { alpha: ['dist/alpha.d.ts'], 'package.json': ['package.json'] },
  },
  dependencies: { '@paycor-backstage/plugin-paycor-common': '^0.1.0' },
};
const completeListing = [
  'package.json',
  'LICENSE',
  'README.md',
  'CHANGELOG.md',
  'dist/index.esm.js',
  'dist/index.d.ts',
  'dist/alpha.esm.js',
  'dist/alpha.d.ts',
];

test('referencedFiles collects entry points, types, bin and config schema', () => {
  assert.deepEqual(referencedFiles(packedFrontendPlugin), [
    'dist/alpha.d.ts',
    'dist/alpha.esm.js',
    'dist/index.d.ts',
    'dist/index.esm.js',
    'package.json',
  ]);
  assert.deepEqual(
    referencedFiles({
      main: 'dist/index.cjs.js',
      bin: 'bin/paycor-sandbox',
      configSchema: 'config.schema.json',
    }),
    ['bin/paycor-sandbox', 'config.schema.json', 'dist/index.cjs.js'],
  );
});

test('a complete tarball has no problems', () => {
  assert.deepEqual(
    packedPackageProblems(packedFrontendPlugin, completeListing),
    [],
  );
});

test('a missing entry point, LICENSE or changelog is reported by name', () => {
  const listing = completeListing.filter(
    f => !['dist/alpha.esm.js', 'LICENSE', 'CHANGELOG.md'].includes(f),
  );
  assert.deepEqual(packedPackageProblems(packedFrontendPlugin, listing), [
    'LICENSE is not in the tarball',
    'CHANGELOG.md is not in the tarball',
    'package.json points at dist/alpha.esm.js, which is not in the tarball',
  ]);
});

test('workspace ranges and shipped sources are reported', () => {
  const pkg = {
    ...packedFrontendPlugin,
    dependencies: { '@paycor-backstage/plugin-paycor-common': 'workspace:^' },
  };
  assert.deepEqual(
    packedPackageProblems(pkg, [...completeListing, 'src/index.ts']),
    [
      'dependencies.@paycor-backstage/plugin-paycor-common is "workspace:^", which only resolves inside this repository',
      'the tarball ships src/ (the package.json "files" list is too wide)',
    ],
  );
});
