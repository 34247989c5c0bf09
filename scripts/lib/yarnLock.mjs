// Reading a Yarn 4 lockfile (yarn.lock) without Yarn: which versions of which
// packages it resolved, and dropping entries. Used by scripts/consumer-check.mjs.
//
// A Yarn 4 lockfile is YAML written in a fixed shape: entries separated by blank
// lines, each a quoted key line ("a@npm:^1, a@npm:^1.2":) followed by indented
// fields (version, resolution, dependencies, checksum, …). That shape is all this
// relies on, so no YAML parser is needed.

/**
 * @typedef {{ key: string, name?: string, version?: string, resolution?: string, text: string }} LockEntry
 */

/** The package name of a descriptor or locator such as `@scope/name@npm:1.2.3`. */
export function packageNameOf(descriptor) {
  const match = /^(@[^/@]+\/[^@]+|[^@]+)@/.exec(descriptor);
  if (!match) {
    throw new Error(`Not a Yarn descriptor: ${JSON.stringify(descriptor)}`);
  }
  return match[1];
}

/** Splits a lockfile into its entries (the `__metadata` block included, without a name). */
export function parseLockfile(text) {
  /** @type {LockEntry[]} */
  const entries = [];
  for (const block of text.split(/\n\s*\n/)) {
    const lines = block
      .split('\n')
      .filter(line => line && !line.startsWith('#'));
    if (lines.length === 0) continue;
    const key = lines[0].replace(/:$/, '').replace(/^"|"$/g, '');
    const field = name => {
      const line = lines.find(l => l.startsWith(`  ${name}: `));
      return line?.slice(name.length + 4).replace(/^"|"$/g, '');
    };
    const resolution = field('resolution');
    entries.push({
      key,
      text: block.replace(/^\n+|\n+$/g, ''),
      resolution,
      // __metadata has a `version` too: the lockfile format's.
      version: resolution ? field('version') : undefined,
      name: resolution ? packageNameOf(resolution) : undefined,
    });
  }
  return entries;
}

/**
 * Versions resolved per package name, for the names `include` accepts. Workspaces
 * (`@workspace:`) and links are not versions of a published package and are left out.
 *
 * @param {string} text lockfile content
 * @param {(name: string) => boolean} include
 * @returns {Map<string, string[]>} name → sorted distinct versions
 */
export function resolvedVersions(text, include) {
  /** @type {Map<string, Set<string>>} */
  const versions = new Map();
  for (const entry of parseLockfile(text)) {
    if (!entry.name || !entry.version || !include(entry.name)) continue;
    if (/@(workspace|link|portal):/.test(entry.resolution ?? '')) continue;
    if (!versions.has(entry.name)) versions.set(entry.name, new Set());
    versions.get(entry.name).add(entry.version);
  }
  return new Map(
    [...versions]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, set]) => [name, [...set].sort()]),
  );
}

/** The packages of `versions` that resolved to more than one version. */
export function duplicatedPackages(versions) {
  return [...versions].filter(([, list]) => list.length > 1);
}

/**
 * The lockfile without the entries whose key or resolution mentions one of `names`
 * (so Yarn resolves those packages afresh on the next install).
 */
export function withoutEntriesFor(text, names) {
  const mentions = entry =>
    names.some(
      name =>
        entry.key.includes(`${name}@`) ||
        entry.resolution?.startsWith(`${name}@`),
    );
  const kept = parseLockfile(text).filter(entry => !mentions(entry));
  const header = text.match(/^(#[^\n]*\n)*\n?/)?.[0] ?? '';
  return `${header}${kept.map(entry => entry.text).join('\n\n')}\n`;
}
