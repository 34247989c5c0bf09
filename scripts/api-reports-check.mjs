#!/usr/bin/env node
// Checks that every published package's API report (report*.api.md) matches its
// exports, like `backstage-repo-tools api-reports --ci`, with one tolerance that tool
// cannot have: TypeScript prints the members of a union type (and the keys of a type
// mapped over one, such as the extension map of a frontend plugin or a zod enum) in an
// order that depends on the order it happened to check types in. That order differs
// between machines and between a fresh and an incremental type-check, so the same API
// gives reports whose lines are the same but in another order.
//
// So: the reports are generated into the packages (repo-tools without --ci), each is
// compared with what was there before, and every file is put back as it was. A report
// whose lines differ only in order passes; any other difference fails with a diff and
// the command to update the reports (`yarn build:api-reports`). Run after `yarn tsc`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const workspaceDirs = ['plugins', 'packages'];

/** Every report*.api.md of a workspace package, with its current content. */
function readReports() {
  const reports = new Map();
  for (const dir of workspaceDirs) {
    for (const pkg of fs.readdirSync(path.join(root, dir))) {
      const pkgDir = path.join(root, dir, pkg);
      if (!fs.statSync(pkgDir).isDirectory()) continue;
      for (const file of fs.readdirSync(pkgDir)) {
        if (/^report.*\.api\.md$/.test(file)) {
          const full = path.join(pkgDir, file);
          reports.set(full, fs.readFileSync(full, 'utf8'));
        }
      }
    }
  }
  return reports;
}

/** The lines of a report that carry meaning, as a sorted list. */
function sortedLines(text) {
  return text
    .split('\n')
    .map(line => line.trimEnd())
    .filter(line => line !== '')
    .sort();
}

function sameLinesInAnyOrder(a, b) {
  const x = sortedLines(a);
  const y = sortedLines(b);
  return x.length === y.length && x.every((line, i) => line === y[i]);
}

/** A small line diff for the failure message (what was added and removed). */
function lineDiff(before, after) {
  const count = lines => {
    const m = new Map();
    for (const l of sortedLines(lines)) m.set(l, (m.get(l) ?? 0) + 1);
    return m;
  };
  const a = count(before);
  const b = count(after);
  const out = [];
  for (const [line, n] of b) {
    for (let i = a.get(line) ?? 0; i < n; i++) out.push(`+ ${line}`);
  }
  for (const [line, n] of a) {
    for (let i = b.get(line) ?? 0; i < n; i++) out.push(`- ${line}`);
  }
  return out.slice(0, 80).join('\n');
}

const before = readReports();
const result = spawnSync(
  'yarn',
  [
    'backstage-repo-tools',
    'api-reports',
    '-o',
    'ae-wrong-input-file-type,ae-undocumented',
    '--validate-release-tags',
  ],
  { cwd: root, stdio: 'inherit' },
);
const after = readReports();

let failed = result.status !== 0;
if (failed) {
  console.error(
    `api-reports: backstage-repo-tools exited with ${result.status}`,
  );
}
let reordered = 0;
for (const [file, text] of after) {
  const rel = path.relative(root, file);
  const old = before.get(file);
  if (old === undefined) {
    console.error(
      `api-reports: ${rel} is new; commit it (yarn build:api-reports)`,
    );
    failed = true;
    fs.rmSync(file);
    continue;
  }
  if (old === text) continue;
  if (sameLinesInAnyOrder(old, text)) {
    reordered += 1;
  } else {
    console.error(
      `api-reports: ${rel} does not match the package's exports; run \`yarn build:api-reports\` and commit it:\n${lineDiff(
        old,
        text,
      )}`,
    );
    failed = true;
  }
  fs.writeFileSync(file, old);
}
for (const file of before.keys()) {
  if (!after.has(file)) {
    console.error(
      `api-reports: ${path.relative(root, file)} was removed by the generator`,
    );
    fs.writeFileSync(file, before.get(file));
    failed = true;
  }
}
if (reordered > 0) {
  console.log(
    `api-reports: ${reordered} report(s) differ only in the order of union members (TypeScript's checking order); accepted`,
  );
}
if (failed) process.exit(1);
console.log(`api-reports: ${after.size} reports match their packages' exports`);
