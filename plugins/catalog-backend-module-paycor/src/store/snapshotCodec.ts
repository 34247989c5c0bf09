import { hash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants, createGzip, Gzip } from 'node:zlib';
import { PaycorEmployeeRecord, PaycorSnapshot } from '../ingest/types';

/**
 * How snapshots and emissions are stored: gzip'd JSON (level 1: within ~15%
 * of level 6's size for a fraction of the CPU). A 100k-employee snapshot is
 * ~50 MB of JSON, so it is never built as one string: pieces go into a gzip
 * stream, which compresses on libuv's thread pool beside the main thread.
 */
const GZIP_OPTIONS = { level: constants.Z_BEST_SPEED };

/** Packs any JSON value, a thousand array items at a time. */
export async function pack(value: unknown): Promise<Buffer> {
  const chunks: Buffer[] = [];
  await pipeline(
    Readable.from(jsonPieces(value)),
    createGzip(GZIP_OPTIONS),
    async function collect(source: AsyncIterable<Buffer>) {
      for await (const chunk of source) chunks.push(chunk);
    },
  );
  return Buffer.concat(chunks);
}

const BATCH = 1000;

function* jsonPieces(value: unknown): Generator<string> {
  if (Array.isArray(value) && value.length > BATCH) {
    yield '[';
    for (let i = 0; i < value.length; i += BATCH) {
      const text = JSON.stringify(value.slice(i, i + BATCH));
      yield i === 0 ? text.slice(1, -1) : `,${text.slice(1, -1)}`;
    }
    yield ']';
    return;
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>).filter(
      ([, v]) => v !== undefined && typeof v !== 'function',
    );
    yield '{';
    for (const [index, [key, v]] of entries.entries()) {
      yield `${index === 0 ? '' : ','}${JSON.stringify(key)}:`;
      yield* jsonPieces(v);
    }
    yield '}';
    return;
  }
  yield JSON.stringify(value) ?? 'null';
}

/**
 * The identity of an employee record's content: two records with the same
 * digest map to the same User (given the same name and department). Computed
 * from the record's JSON, which the snapshot needs anyway.
 */
export function recordDigest(json: string): string {
  // one-shot crypto.hash: no Hash object per record (Node ≥ 20.12)
  return hash('sha1', json, 'base64url');
}

/**
 * Packs a snapshot while it is being read: employee records are serialised
 * (and their digests taken) page by page as they arrive, in the time the read
 * would otherwise spend waiting for Paycor, and compressed on the thread pool.
 * `finish` adds the rest. The result reads back as an ordinary snapshot.
 */
export class SnapshotPacker {
  private readonly gzip: Gzip;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;
  private written = 0;
  /** employee id → digest of its record's JSON */
  readonly digests = new Map<string, string>();

  constructor() {
    this.gzip = createGzip(GZIP_OPTIONS);
    this.done = new Promise((resolve, reject) => {
      this.gzip.on('data', chunk => this.chunks.push(chunk));
      this.gzip.on('end', () => {
        const packed = Buffer.concat(this.chunks);
        // the pieces would otherwise live as long as the packer (the run)
        this.chunks.length = 0;
        resolve(packed);
      });
      this.gzip.on('error', reject);
    });
    // unhandled if the run fails before finish(): the run reports the error
    this.done.catch(() => {});
    this.gzip.write('{"employees":[');
  }

  /** Adds records (the first copy of an id wins, as in the transform). */
  addEmployees(records: readonly PaycorEmployeeRecord[]) {
    let text = '';
    for (const record of records) {
      if (this.digests.has(record.id)) continue;
      const json = JSON.stringify(record);
      this.digests.set(record.id, recordDigest(json));
      text += this.written++ === 0 ? json : `,${json}`;
    }
    if (text) this.gzip.write(text);
  }

  /** Writes everything but the employees and returns the packed snapshot. */
  finish(rest: Omit<PaycorSnapshot, 'employees'>): Promise<Buffer> {
    this.gzip.end(
      `],"fetchedAt":${JSON.stringify(
        rest.fetchedAt,
      )},"legalEntity":${JSON.stringify(
        rest.legalEntity,
      )},"departments":${JSON.stringify(
        rest.departments,
      )},"invalid":${JSON.stringify(rest.invalid)}}`,
    );
    return this.done;
  }

  /** Stops compressing (the run failed). */
  abandon() {
    this.gzip.destroy();
  }
}

/** Digests of a snapshot's records, for snapshots read back from the store. */
export function digestsOf(
  employees: readonly PaycorEmployeeRecord[],
): Map<string, string> {
  const digests = new Map<string, string>();
  for (const record of employees) {
    if (!digests.has(record.id)) {
      digests.set(record.id, recordDigest(JSON.stringify(record)));
    }
  }
  return digests;
}
