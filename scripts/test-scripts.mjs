#!/usr/bin/env node
// The tests of the repository's own scripts (scripts/**/*.test.mjs: the Chromium
// finder, the lockfile and tarball checks of the consumer check), with Node's test
// runner. They are not in a workspace, so `backstage-cli repo test` never sees them.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const scriptsDir = path.dirname(fileURLToPath(import.meta.url));
const files = readdirSync(scriptsDir, { recursive: true })
  .filter(file => file.endsWith('.test.mjs'))
  .sort()
  .map(file => path.join(scriptsDir, file));
if (files.length === 0) {
  console.error(`test-scripts: no *.test.mjs under ${scriptsDir}`);
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--test', ...files], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
