/* eslint-disable no-console */
/**
 * Profiling aid, not part of `yarn bench`: the cost of each stage of a sync, measured in
 * isolation on one process, with the module's own functions on pages read from a sandbox
 * once. Each stage runs `--repeat` times (default 3): the first figure is cold (as in a
 * sync in a fresh process), the last warm (as in a long-lived backend). Also reports the
 * size of what the record phase serialises. Used to put numbers on the fixes proposed in
 * the README's performance section.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/stages.ts [employees=100000] [--repeat 3]
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import {
  paycorKeys,
  pagedEnvelopeSchema,
  employeeSchema,
} from '../plugins/catalog-backend-module-paycor/src/client/paycorSchemas';
import {
  toDepartmentRecord,
  toEmployeeRecord,
  toLegalEntityRecord,
} from '../plugins/catalog-backend-module-paycor/src/client/toRecords';
import { legalEntitySchema } from '../plugins/catalog-backend-module-paycor/src/client/paycorSchemas';
import { readProviderConfigsFromData } from '../plugins/catalog-backend-module-paycor/src/config/readProviderConfigs';
import { transformSnapshot } from '../plugins/catalog-backend-module-paycor/src/ingest';
import type { PaycorSnapshot } from '../plugins/catalog-backend-module-paycor/src/ingest/types';
import {
  diffEmission,
  emissionToPrevious,
  entityHash,
} from '../plugins/catalog-backend-module-paycor/src/engine/emissionDiff';
import { stopAll } from './lib/children';
import { providerConfigBlock } from './lib/providerConfig';
import { readPages } from './lib/readPages';
import { SandboxProcess } from './lib/sandbox';
import { round, table } from './lib/stats';

const gzipAsync = promisify(gzip);

async function main() {
  const employees = Number(process.argv[2] ?? 100_000);
  const repeatIndex = process.argv.indexOf('--repeat');
  const repeat = repeatIndex > 0 ? Number(process.argv[repeatIndex + 1]) : 3;
  const sandbox = await SandboxProcess.start({
    employees,
    seed: 1,
    rateLimit: 0,
    name: `stages-sandbox-${employees}`,
  });
  let raw: Awaited<ReturnType<typeof readPages>>;
  try {
    raw = await readPages(sandbox);
  } finally {
    await sandbox.stop();
  }
  const [config] = readProviderConfigsFromData(
    providerConfigBlock(raw.credentials),
  );

  const rows: Array<[string, ...number[]]> = [];
  const time = async <T>(
    label: string,
    fn: () => T | Promise<T>,
  ): Promise<T> => {
    const times: number[] = [];
    let value: T | undefined;
    for (let i = 0; i < repeat; i++) {
      const t = performance.now();
      value = await fn();
      times.push(performance.now() - t);
    }
    rows.push([label, ...times.map(t => round(t))]);
    return value!;
  };

  const parsed = await time(
    "JSON.parse every page (the floor's client work)",
    () => raw.employees.map(t => JSON.parse(t)),
  );
  await time('CanonicalKeys.apply every page', () =>
    parsed.map(p => paycorKeys.apply(p)),
  );
  await time('pagedEnvelopeSchema.safeParse every page', () =>
    parsed.map(p => pagedEnvelopeSchema.safeParse(p)),
  );
  const records = parsed.flatMap(p => p.records as unknown[]);
  await time('employeeSchema.safeParse every record (zod only)', () =>
    records.map(r => employeeSchema.safeParse(r)),
  );
  const employeeRecords = await time(
    'toEmployeeRecord every record (zod + compact)',
    () => records.map(r => toEmployeeRecord(r, [])),
  );
  const snapshot: PaycorSnapshot = {
    fetchedAt: new Date().toISOString(),
    legalEntity: toLegalEntityRecord(
      legalEntitySchema.parse(JSON.parse(raw.legalEntity)),
    ),
    departments: raw.departments
      .flatMap(t => JSON.parse(t).records as unknown[])
      .map(r => toDepartmentRecord(r))
      .flatMap(r => ('record' in r ? [r.record] : [])),
    employees: employeeRecords.flatMap(r => ('record' in r ? [r.record] : [])),
    invalid: [],
  };
  const input = () => ({
    snapshot,
    config,
    overrides: [],
    adminGroups: [],
    exclusions: [],
    previous: emissionToPrevious(undefined),
    external: { refs: new Set<string>(), parents: new Map<string, string>() },
    now: new Date(),
  });
  const result = await time('transformSnapshot', () =>
    transformSnapshot(input()),
  );
  await time('entityHash every entity (sha1 of JSON.stringify)', () =>
    result.entities.map(e => entityHash(e)),
  );
  await time('  of which JSON.stringify every entity', () =>
    result.entities.map(e => JSON.stringify(e)),
  );
  await time(
    '  alternative: sha1 of each compact employee record (input hash)',
    () =>
      snapshot.employees.map(e =>
        createHash('sha1').update(JSON.stringify(e)).digest('base64url'),
      ),
  );
  const diff = await time('diffEmission (first sync: all added)', () =>
    diffEmission(result.entities, result.emission, undefined),
  );
  const snapshotJson = JSON.stringify(snapshot);
  const emissionJson = JSON.stringify(diff.next);
  await time('snapshot + emission: JSON.stringify', () => [
    JSON.stringify(snapshot),
    JSON.stringify(diff.next),
  ]);
  await time('snapshot + emission: gzip level 6 (as stored)', () =>
    Promise.all([
      gzipAsync(Buffer.from(snapshotJson), { level: 6 }),
      gzipAsync(Buffer.from(emissionJson), { level: 6 }),
    ]),
  );
  await time('snapshot + emission: gzip level 1', () =>
    Promise.all([
      gzipAsync(Buffer.from(snapshotJson), { level: 1 }),
      gzipAsync(Buffer.from(emissionJson), { level: 1 }),
    ]),
  );
  const gz = await gzipAsync(Buffer.from(snapshotJson), { level: 6 });

  console.log(
    `\nStages of one sync at ${employees} employees (${records.length} records, ` +
      `${result.entities.length} entities, ${result.conflicts.length} conflicts); ms per repetition, cold → warm\n`,
  );
  console.log(
    table(
      ['stage', ...Array.from({ length: repeat }, (_, i) => `#${i + 1} ms`)],
      rows,
    ),
  );
  console.log(
    `\nSerialised: snapshot ${round(
      snapshotJson.length / 1e6,
      1,
    )} MB JSON → ${round(gz.length / 1e6, 1)} MB gzip; ` +
      `emission ${round(
        emissionJson.length / 1e6,
        1,
      )} MB JSON; page bodies ${round(
        raw.employees.reduce((n, t) => n + t.length, 0) / 1e6,
      )} MB`,
  );
}

main().then(
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
