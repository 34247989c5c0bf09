/* eslint-disable no-console */
/**
 * Profiling aid, not part of `yarn bench`: "what if" measurements of proposed module
 * changes before anyone writes them. Runs the sync harness with a change monkeypatched
 * into this process only (nothing in the module is edited) next to the unchanged
 * baseline and a floor, interleaved, against one sandbox:
 *
 * - `http`: PaycorHttp's transport on node:http with a keep-alive agent instead of fetch;
 * - `stream-snapshot`: SnapshotStore.save serialises the snapshot and the emission in
 *   chunks straight into a level-1 gzip stream (same stored format), instead of
 *   `gzip(Buffer.from(JSON.stringify(value)), { level: 6 })`;
 * - `no-snapshot`: SnapshotStore.save does nothing (an upper bound, not a proposal).
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/whatIf.ts \
 *     [--employees 100000] [--runs 3] [--variants baseline,http,stream-snapshot,http+stream-snapshot]
 */
import { Agent, request } from 'node:http';
import { createGzip } from 'node:zlib';
import { SnapshotStore } from '../plugins/catalog-backend-module-paycor/src/store/SnapshotStore';
import type { FloorResult } from './floor';
import {
  exitWithParent,
  failAndExit,
  reportAndExit,
  spawnNode,
  stopAll,
} from './lib/children';
import { minimumCalls, SandboxProcess } from './lib/sandbox';
import { median, round, table } from './lib/stats';
import { runHarness, type HarnessResult } from './syncHarness';

const PATCHES = ['http', 'stream-snapshot', 'no-snapshot'] as const;

function patchHttpTransport() {
  const agent = new Agent({ keepAlive: true });
  // PaycorHttp calls the global fetch and reads status, headers.get and text()
  (globalThis as any).fetch = (url: string, init: any) =>
    new Promise((resolve, reject) => {
      const req = request(
        url,
        { method: init.method, headers: init.headers, agent },
        res => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({
              status: res.statusCode,
              headers: {
                get: (key: string) =>
                  (res.headers[key.toLowerCase()] as string) ?? null,
              },
              text: async () => text,
            });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      if (init.body)
        req.setHeader('Content-Length', Buffer.byteLength(init.body));
      req.end(init.body);
    });
}

/** JSON of `value` written in chunks into gzip: large arrays 1,000 elements at a time. */
async function streamGzip(
  value: Record<string, unknown>,
  level: number,
): Promise<Buffer> {
  const gz = createGzip({ level });
  const out: Buffer[] = [];
  gz.on('data', (c: Buffer) => out.push(c));
  const done = new Promise<void>((resolve, reject) => {
    gz.on('end', () => resolve());
    gz.on('error', reject);
  });
  const write = async (text: string) => {
    if (!gz.write(text)) await new Promise(r => gz.once('drain', r));
  };
  await write('{');
  let first = true;
  for (const [key, item] of Object.entries(value)) {
    await write(`${first ? '' : ','}${JSON.stringify(key)}:`);
    first = false;
    if (Array.isArray(item) && item.length > 2000) {
      await write('[');
      for (let i = 0; i < item.length; i += 1000) {
        await write(
          (i ? ',' : '') + JSON.stringify(item.slice(i, i + 1000)).slice(1, -1),
        );
      }
      await write(']');
    } else {
      await write(JSON.stringify(item));
    }
  }
  await write('}');
  gz.end();
  await done;
  return Buffer.concat(out);
}

function patchSnapshotStore(mode: 'stream-snapshot' | 'no-snapshot') {
  const proto = SnapshotStore.prototype as any;
  if (mode === 'no-snapshot') {
    proto.save = async () => {};
    return;
  }
  proto.save = async function save(providerId: string, value: any) {
    const [snapshot, emission] = await Promise.all([
      streamGzip(value.snapshot, 1),
      streamGzip(value.emission, 1),
    ]);
    await this.knex('paycor_snapshots')
      .insert({
        provider_id: providerId,
        run_id: value.runId,
        fetched_at: value.snapshot.fetchedAt,
        snapshot,
        emission,
        updated_at: new Date().toISOString(),
      })
      .onConflict('provider_id')
      .merge(['run_id', 'fetched_at', 'snapshot', 'emission', 'updated_at']);
  };
}

async function child(input: string) {
  const patches = (process.env.BENCH_WHATIF ?? '').split('+').filter(Boolean);
  for (const patch of patches) {
    if (patch === 'http') patchHttpTransport();
    else if (patch === 'stream-snapshot' || patch === 'no-snapshot')
      patchSnapshotStore(patch);
    else if (patch !== 'baseline') throw new Error(`unknown variant ${patch}`);
  }
  return runHarness(JSON.parse(input));
}

async function driver(argv: string[]) {
  const arg = (name: string, fallback: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : fallback;
  };
  const employees = Number(arg('--employees', '100000'));
  const runs = Number(arg('--runs', '3'));
  const variants = arg(
    '--variants',
    'baseline,http,stream-snapshot,http+stream-snapshot',
  ).split(',');
  for (const v of variants) {
    for (const p of v.split('+')) {
      if (p !== 'baseline' && !(PATCHES as readonly string[]).includes(p)) {
        throw new Error(
          `unknown variant ${p} (known: baseline, ${PATCHES.join(', ')})`,
        );
      }
    }
  }
  const sandbox = await SandboxProcess.start({
    employees,
    seed: 1,
    rateLimit: 0,
    name: `whatif-sandbox-${employees}`,
  });
  try {
    const min = minimumCalls(await sandbox.summary());
    const floor = async () =>
      (
        await spawnNode<FloorResult>(
          'bench/floor.ts',
          [
            JSON.stringify({
              credentials: await sandbox.mint(),
              client: 'http',
            }),
          ],
          { name: 'whatif-floor', timeoutMs: 600_000 },
        ).result
      ).floorMs;
    await floor(); // warm-up
    const floors: number[] = [];
    const results = new Map<string, HarnessResult[]>(
      variants.map(v => [v, []]),
    );
    for (let run = 1; run <= runs; run++) {
      floors.push(await floor());
      for (const variant of variants) {
        const result = await spawnNode<HarnessResult>(
          'bench/whatIf.ts',
          [
            '--child',
            JSON.stringify({
              credentials: await sandbox.mint(),
              resync: false,
            }),
          ],
          {
            name: `whatif-${variant}`,
            timeoutMs: 900_000,
            env: { BENCH_WHATIF: variant },
          },
        ).result;
        if (result.clientCalls !== min.total)
          throw new Error(`${variant}: ${result.clientCalls} calls`);
        results.get(variant)!.push(result);
        console.error(
          `whatif: run ${run}/${runs} ${variant}: ${round(result.syncMs)} ms`,
        );
      }
    }
    const floorMs = median(floors);
    const m = (rs: HarnessResult[], f: (r: HarnessResult) => number) =>
      round(median(rs.map(f)));
    console.log(
      `\nWhat-if at ${employees} employees: medians of ${runs} runs; floor ${round(
        floorMs,
      )} ms (${floors.map(f => round(f)).join(', ')})\n`,
    );
    console.log(
      table(
        [
          'variant',
          'sync ms',
          'sync/floor',
          'read ms',
          'plan ms',
          'record ms',
          'peak RSS MB',
          'heap used MB',
          'runs ms',
        ],
        [...results].map(([variant, rs]) => [
          variant,
          m(rs, r => r.syncMs),
          (median(rs.map(r => r.syncMs)) / floorMs).toFixed(2),
          m(rs, r => r.phases.readMs),
          m(rs, r => r.phases.planMs),
          m(rs, r => r.phases.recordMs),
          m(rs, r => r.memory.peakRssMb),
          m(rs, r => r.memory.peakHeapUsedMb),
          rs.map(r => round(r.syncMs)).join(', '),
        ]),
      ),
    );
  } finally {
    await sandbox.stop();
  }
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child') {
    exitWithParent();
    child(argv[1]).then(reportAndExit, failAndExit);
  } else {
    driver(argv).then(
      async () => {
        await stopAll();
        process.exit(0);
      },
      async error => {
        console.error(error);
        await stopAll();
        process.exit(1);
      },
    );
  }
}
