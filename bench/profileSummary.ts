/* eslint-disable no-console */
/**
 * Summarises a V8 .cpuprofile (from `yarn bench --profile`, which runs the sync harness
 * with --cpu-prof): self time by function and by source area, and inclusive time of the
 * functions that matter for a sync. Only samples inside the measured sync are counted
 * when the harness wrote its window (window-<pid>.json) next to the profile.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/profileSummary.ts <file.cpuprofile> [top=25] [--resync]
 *
 * `--resync` counts the samples of the unchanged re-sync instead of the full sync.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

function area(url: string): string {
  if (!url) return '(native / V8)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith('node:')) return url;
  const m = url.match(/plugins\/catalog-backend-module-paycor\/src\/(.*)$/);
  if (m) return `module: ${m[1]}`;
  const b = url.match(/\/bench\/(.*)$/);
  if (b) return `bench: ${b[1]}`;
  return url.replace(/^file:\/\//, '');
}

export function summarise(
  file: string,
  top = 25,
  window?: { from: number; to: number },
) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map(n => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes)
    for (const c of n.children ?? []) parent.set(c, n.id);

  const self = new Map<number, number>();
  let t = profile.startTime;
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    if (window && (t < window.from || t > window.to)) continue;
    const dt = profile.timeDeltas[i + 1] ?? 0;
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + dt);
    total += dt;
  }
  const fnKey = (n: ProfileNode) =>
    `${n.callFrame.functionName || '(anonymous)'} ${area(n.callFrame.url)}:${
      n.callFrame.lineNumber + 1
    }`;

  const selfByFn = new Map<string, number>();
  const selfByArea = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const [id, us] of self) {
    const node = byId.get(id)!;
    selfByFn.set(fnKey(node), (selfByFn.get(fnKey(node)) ?? 0) + us);
    const a = area(node.callFrame.url) || node.callFrame.functionName;
    const label = node.callFrame.url ? a : `(${node.callFrame.functionName})`;
    selfByArea.set(label, (selfByArea.get(label) ?? 0) + us);
    // inclusive: every distinct function on the stack
    const seen = new Set<string>();
    for (
      let cur: number | undefined = id;
      cur !== undefined;
      cur = parent.get(cur)
    ) {
      const k = fnKey(byId.get(cur)!);
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + us);
    }
  }
  const fmt = (entries: Map<string, number>, n: number) =>
    [...entries]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(
        ([k, us]) =>
          `  ${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / total)
            .toFixed(1)
            .padStart(5)}%  ${k}`,
      )
      .join('\n');
  return [
    `${file}: ${(total / 1000).toFixed(0)} ms sampled${
      window ? ' (inside the measured sync)' : ''
    }`,
    `Self time by area:\n${fmt(selfByArea, top)}`,
    `Self time by function:\n${fmt(selfByFn, top)}`,
    `Inclusive time (module and bench functions):\n${fmt(
      new Map([...inclusive].filter(([k]) => /module: |bench: /.test(k))),
      top,
    )}`,
  ].join('\n\n');
}

if (require.main === module) {
  const file = process.argv[2];
  const resync = process.argv.includes('--resync');
  const top = Number(process.argv.slice(3).find(a => /^\d+$/.test(a)) ?? 25);
  // the harness writes window-<pid>.json next to CPU.<date>.<time>.<pid>.<tid>.<n>.cpuprofile
  const pid = basename(file).split('.')[3];
  const windowFile = resolve(
    dirname(file),
    `window-${pid}${resync ? '-resync' : ''}.json`,
  );
  const window = existsSync(windowFile)
    ? (JSON.parse(readFileSync(windowFile, 'utf8')) as {
        from: number;
        to: number;
      })
    : undefined;
  console.log(summarise(file, top, window));
}
