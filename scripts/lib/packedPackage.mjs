// Checks on a packed package (the tarball `yarn pack` writes, after backstage-cli
// prepack has rewritten its package.json): that every file its package.json points
// at is inside, that the files a published package carries by convention are there,
// and that no `workspace:` range leaked out. Used by scripts/consumer-check.mjs.

const ALWAYS_SHIPPED = ['package.json', 'LICENSE', 'README.md', 'CHANGELOG.md'];
const DEPENDENCY_FIELDS = [
  'dependencies',
  'peerDependencies',
  'optionalDependencies',
];

// `exports` conditions that are metadata rather than files: backstage-cli prepack adds
// `"backstage": "@backstage/FrontendPlugin"` (the feature type) to entry points.
const NON_FILE_CONDITIONS = new Set(['backstage']);

function stringsIn(value) {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') {
    return Object.entries(value)
      .filter(([key]) => !NON_FILE_CONDITIONS.has(key))
      .flatMap(([, inner]) => stringsIn(inner));
  }
  return [];
}

const normalise = path => path.replace(/^\.\//, '');

/** Every file the packed package.json refers to (entry points, types, bin, config schema). */
export function referencedFiles(pkg) {
  const paths = [
    pkg.main,
    pkg.module,
    pkg.types,
    pkg.typings,
    ...stringsIn(pkg.bin),
    ...stringsIn(pkg.exports),
    ...stringsIn(pkg.typesVersions),
    typeof pkg.configSchema === 'string' ? pkg.configSchema : undefined,
  ];
  return (
    [...new Set(paths.filter(Boolean).map(normalise))]
      // `exports` may name the package.json itself, and typesVersions may use patterns.
      .filter(path => !path.includes('*'))
      .sort()
  );
}

/**
 * What is wrong with a packed package, as one message per problem (empty when fine).
 *
 * @param {object} pkg the package.json inside the tarball
 * @param {string[]} files paths inside the tarball, without the leading `package/`
 */
export function packedPackageProblems(pkg, files) {
  const present = new Set(files.map(normalise));
  const problems = [];
  for (const file of ALWAYS_SHIPPED) {
    if (!present.has(file)) problems.push(`${file} is not in the tarball`);
  }
  for (const file of referencedFiles(pkg)) {
    if (!present.has(file))
      problems.push(
        `package.json points at ${file}, which is not in the tarball`,
      );
  }
  for (const field of DEPENDENCY_FIELDS) {
    for (const [name, range] of Object.entries(pkg[field] ?? {})) {
      if (/^(workspace|link|portal|file):/.test(range)) {
        problems.push(
          `${field}.${name} is "${range}", which only resolves inside this repository`,
        );
      }
    }
  }
  if (files.some(file => file.startsWith('src/'))) {
    problems.push(
      'the tarball ships src/ (the package.json "files" list is too wide)',
    );
  }
  return problems;
}
