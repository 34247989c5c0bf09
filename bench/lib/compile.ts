import { buildSync } from 'esbuild';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';

/**
 * Measured processes run as plain JavaScript, as a production backend runs
 * the module (`backstage-cli package build`), not through Backstage's
 * on-the-fly TypeScript transform: that transform loads a compiler into the
 * process (≈ 50 MB of resident memory, measured) that no deployment carries
 * and that would count against the module's peak RSS.
 *
 * The script is bundled with this repository's workspace packages (their
 * `main` is TypeScript source); every other package stays an ordinary
 * `require` from node_modules. esbuild because it is already in the tree
 * (Backstage's CLI builds with it) and compiles a script in well under a
 * second.
 */
const compiled = new Map<string, string>();

export function compiledScript(script: string, repoRoot: string): string {
  const source = resolve(repoRoot, script);
  const known = compiled.get(source);
  if (known) return known;
  // Beside the sources and one level below the repository root like them,
  // so `__dirname`-relative paths in bench/lib (REPO_ROOT) stay right.
  const outDir = resolve(repoRoot, 'bench/.compiled');
  mkdirSync(outDir, { recursive: true });
  const outfile = resolve(outDir, basename(source).replace(/\.ts$/, '.cjs'));
  buildSync({
    entryPoints: [source],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: `node${process.versions.node.split('.')[0]}`,
    logLevel: 'warning',
    packages: 'external',
    alias: workspaceSources(repoRoot),
  });
  compiled.set(source, outfile);
  return outfile;
}

/** Each workspace package whose entry point is TypeScript, by name → its entry. */
function workspaceSources(repoRoot: string): Record<string, string> {
  const sources: Record<string, string> = {};
  for (const folder of ['plugins', 'packages']) {
    for (const name of readdirSync(resolve(repoRoot, folder))) {
      const dir = resolve(repoRoot, folder, name);
      let pkg: { name?: string; main?: string };
      try {
        pkg = JSON.parse(readFileSync(resolve(dir, 'package.json'), 'utf8'));
      } catch {
        continue;
      }
      if (pkg.name && pkg.main?.endsWith('.ts')) {
        sources[pkg.name] = resolve(dir, pkg.main);
      }
    }
  }
  return sources;
}
