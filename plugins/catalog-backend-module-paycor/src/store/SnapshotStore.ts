import { Knex } from 'knex';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { PaycorSnapshot } from '../ingest/types';
import { Clock, iso } from './clock';
import { pack } from './snapshotCodec';

const gunzipAsync = promisify(gunzip);

/**
 * What the catalog holds from this provider, as of the last applied mutation:
 * one row per entity ref with the hash of the emitted entity (to compute
 * deltas) and a label for the approvals view, plus the names given to each
 * Paycor id (so names and email owners stay stable).
 */
export interface Emission {
  version: 1;
  /** sorted by ref: [entityRef, hash, label, paycorId] */
  entities: Array<[string, string, string?, string?]>;
  userNames: Array<[string, string]>;
  groupNames: Array<[string, string]>;
}

export interface StoredSnapshot {
  runId: string;
  fetchedAt: string;
  snapshot: PaycorSnapshot;
  emission: Emission;
}

/**
 * The last good Paycor snapshot (compact, gzip'd) and the emission that goes
 * with it. Re-homing and approvals re-apply from here without calling Paycor.
 */
export class SnapshotStore {
  constructor(
    private readonly knex: Knex,
    private readonly clock: Clock,
  ) {}

  async load(providerId: string): Promise<StoredSnapshot | undefined> {
    const row = await this.knex('paycor_snapshots')
      .where({ provider_id: providerId })
      .first();
    if (!row) return undefined;
    const [snapshot, emission] = await Promise.all([
      unpack<PaycorSnapshot>(row.snapshot),
      unpack<Emission>(row.emission),
    ]);
    return { runId: row.run_id, fetchedAt: row.fetched_at, snapshot, emission };
  }

  /** Only the emission, when the snapshot itself is not needed. */
  async loadEmission(providerId: string): Promise<Emission | undefined> {
    const row = await this.knex('paycor_snapshots')
      .where({ provider_id: providerId })
      .first('emission');
    return row ? unpack<Emission>(row.emission) : undefined;
  }

  /**
   * Stores a snapshot (as an object, or already packed by a SnapshotPacker
   * during the read) and its emission.
   */
  async save(
    providerId: string,
    value:
      | { runId: string; snapshot: PaycorSnapshot; emission: Emission }
      | { runId: string; snapshot: Buffer; fetchedAt: string; emission: Emission },
  ) {
    const fetchedAt =
      'fetchedAt' in value ? value.fetchedAt : value.snapshot.fetchedAt;
    const [snapshot, emission] = await Promise.all([
      Buffer.isBuffer(value.snapshot) ? value.snapshot : pack(value.snapshot),
      pack(value.emission),
    ]);
    await this.knex('paycor_snapshots')
      .insert({
        provider_id: providerId,
        run_id: value.runId,
        fetched_at: fetchedAt,
        snapshot,
        emission,
        updated_at: iso(this.clock()),
      })
      .onConflict('provider_id')
      .merge(['run_id', 'fetched_at', 'snapshot', 'emission', 'updated_at']);
  }

  /** Replaces the emission only (re-apply, approval), keeping the snapshot. */
  async saveEmission(providerId: string, runId: string, emission: Emission) {
    await this.knex('paycor_snapshots')
      .where({ provider_id: providerId })
      .update({
        run_id: runId,
        emission: await pack(emission),
        updated_at: iso(this.clock()),
      });
  }
}

async function unpack<T>(value: Buffer | Uint8Array): Promise<T> {
  return JSON.parse((await gunzipAsync(Buffer.from(value))).toString('utf8'));
}
