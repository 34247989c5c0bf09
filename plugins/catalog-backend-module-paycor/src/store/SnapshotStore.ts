import { Knex } from 'knex';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { PaycorSnapshot } from '../ingest/types';
import { Clock, iso } from './clock';
import {
  Chunk,
  ChunkedList,
  CHUNKED_LISTS,
  ChunkItem,
  ChunkManifest,
  chunkList,
  isChunkManifest,
  sameItems,
} from './emissionChunks';
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
  /**
   * Why each employee who is not synced was left out, as the run that wrote
   * the emission decided ([employee id, skip reason], sorted by id): the next
   * run compares with it to record who was newly skipped in people's history.
   * Absent in emissions written before it was kept.
   */
  skipped?: Array<[string, string]>;
}

/** Which snapshot and emission are stored, without reading them. */
export interface SnapshotHead {
  /** changes only when a sync stores a new read */
  snapshotId: string;
  /** the run that last wrote the emission (a sync, re-apply or approval) */
  emissionId: string;
  fetchedAt: string;
}

export interface StoredSnapshot {
  runId: string;
  fetchedAt: string;
  snapshot: PaycorSnapshot;
  emission: Emission;
}

/**
 * The emission the caller believes is stored (written by run `emissionId`):
 * chunks it shares with the new emission are not written again. Checked
 * against the database, so a stale belief only costs a full write.
 */
export interface StoredEmission {
  emissionId: string;
  emission: Emission;
}

/**
 * The last good Paycor snapshot (compact, gzip'd) and the emission that goes
 * with it. Re-homing and approvals re-apply from here without calling Paycor.
 * The emission is stored in chunks (see emissionChunks.ts), so re-applying a
 * small change writes little.
 */
export class SnapshotStore {
  constructor(private readonly knex: Knex, private readonly clock: Clock) {}

  async load(providerId: string): Promise<StoredSnapshot | undefined> {
    return this.knex.transaction(async tx => {
      const row = await tx('paycor_snapshots')
        .where({ provider_id: providerId })
        .first();
      if (!row) return undefined;
      const [snapshot, emission] = await Promise.all([
        unpack<PaycorSnapshot>(row.snapshot),
        this.readEmission(tx, providerId, row.emission),
      ]);
      return {
        runId: row.run_id,
        fetchedAt: row.fetched_at,
        snapshot,
        emission,
      };
    });
  }

  async head(providerId: string): Promise<SnapshotHead | undefined> {
    const row = await this.knex('paycor_snapshots')
      .where({ provider_id: providerId })
      .first('run_id', 'snapshot_id', 'fetched_at');
    if (!row) return undefined;
    return {
      snapshotId: row.snapshot_id ?? row.run_id,
      emissionId: row.run_id,
      fetchedAt: row.fetched_at,
    };
  }

  /**
   * The head and the provider's settings revision in one round trip (a plan
   * checks both before every admin edit).
   */
  async versions(
    providerId: string,
  ): Promise<{ head?: SnapshotHead; settingsRevision: number }> {
    const sub = (column: string, table: string) =>
      this.knex.raw(`(select ?? from ?? where ?? = ?) as ??`, [
        column,
        table,
        'provider_id',
        providerId,
        column,
      ]);
    const [row] = await this.knex.select(
      sub('run_id', 'paycor_snapshots'),
      sub('snapshot_id', 'paycor_snapshots'),
      sub('fetched_at', 'paycor_snapshots'),
      sub('settings_revision', 'paycor_provider_state'),
    );
    return {
      head: row?.run_id
        ? {
            snapshotId: row.snapshot_id ?? row.run_id,
            emissionId: row.run_id,
            fetchedAt: row.fetched_at,
          }
        : undefined,
      settingsRevision: Number(row?.settings_revision ?? 0),
    };
  }

  /** Only the snapshot, with its identity. */
  async loadSnapshot(
    providerId: string,
  ): Promise<{ snapshotId: string; snapshot: PaycorSnapshot } | undefined> {
    const row = await this.knex('paycor_snapshots')
      .where({ provider_id: providerId })
      .first('run_id', 'snapshot_id', 'snapshot');
    if (!row) return undefined;
    return {
      snapshotId: row.snapshot_id ?? row.run_id,
      snapshot: await unpack<PaycorSnapshot>(row.snapshot),
    };
  }

  /** Only the emission, with the id of the run that wrote it. */
  async loadEmissionWithId(
    providerId: string,
  ): Promise<{ emissionId: string; emission: Emission } | undefined> {
    return this.knex.transaction(async tx => {
      const row = await tx('paycor_snapshots')
        .where({ provider_id: providerId })
        .first('run_id', 'emission');
      if (!row) return undefined;
      return {
        emissionId: row.run_id,
        emission: await this.readEmission(tx, providerId, row.emission),
      };
    });
  }

  /** Only the emission, when the snapshot itself is not needed. */
  async loadEmission(providerId: string): Promise<Emission | undefined> {
    return (await this.loadEmissionWithId(providerId))?.emission;
  }

  /**
   * Stores a snapshot (as an object, or already packed by a SnapshotPacker
   * during the read) and its emission.
   */
  async save(
    providerId: string,
    value:
      | { runId: string; snapshot: PaycorSnapshot; emission: Emission }
      | {
          runId: string;
          snapshot: Buffer;
          fetchedAt: string;
          emission: Emission;
        },
    previous?: StoredEmission,
  ) {
    const fetchedAt =
      'fetchedAt' in value ? value.fetchedAt : value.snapshot.fetchedAt;
    const snapshot = Buffer.isBuffer(value.snapshot)
      ? value.snapshot
      : await pack(value.snapshot);
    await this.knex.transaction(async tx => {
      const manifest = await this.writeEmission(
        tx,
        providerId,
        value.emission,
        previous,
      );
      await tx('paycor_snapshots')
        .insert({
          provider_id: providerId,
          run_id: value.runId,
          snapshot_id: value.runId,
          fetched_at: fetchedAt,
          snapshot,
          emission: manifest,
          updated_at: iso(this.clock()),
        })
        .onConflict('provider_id')
        .merge([
          'run_id',
          'snapshot_id',
          'fetched_at',
          'snapshot',
          'emission',
          'updated_at',
        ]);
    });
  }

  /** Replaces the emission only (re-apply, approval), keeping the snapshot. */
  async saveEmission(
    providerId: string,
    runId: string,
    emission: Emission,
    previous?: StoredEmission,
  ) {
    await this.knex.transaction(async tx => {
      const row = await tx('paycor_snapshots')
        .where({ provider_id: providerId })
        .first('run_id', 'emission');
      if (!row) return;
      const manifest = await this.writeEmission(
        tx,
        providerId,
        emission,
        previous,
        row,
      );
      await tx('paycor_snapshots')
        .where({ provider_id: providerId })
        .update({
          run_id: runId,
          emission: manifest,
          updated_at: iso(this.clock()),
        });
    });
  }

  /**
   * Writes the chunks of `emission` that are not stored already and deletes
   * those no longer used; returns the packed manifest for the snapshot row.
   */
  private async writeEmission(
    tx: Knex.Transaction,
    providerId: string,
    emission: Emission,
    previous?: StoredEmission,
    /** the snapshot row as read in this transaction, when it was */
    known?: { run_id: string; emission: Buffer | Uint8Array },
  ): Promise<Buffer> {
    const chunks = chunkEmission(emission, previous?.emission);
    let stored = new Map<string, readonly ChunkItem[]>();
    let storedKeys: string[] | undefined;
    if (previous) {
      const row =
        known ??
        (await tx('paycor_snapshots')
          .where({ provider_id: providerId })
          .first('run_id', 'emission'));
      const manifest = row && (await unpack<unknown>(row.emission));
      if (row?.run_id === previous.emissionId && isChunkManifest(manifest)) {
        stored = new Map(
          Object.values(chunkEmission(previous.emission))
            .flat()
            .map(c => [c.key, c.items]),
        );
        storedKeys = Object.values(manifest.chunks).flat();
      }
    }
    const all = Object.values(chunks).flat();
    const changed = all.filter(c => {
      const before = stored.get(c.key);
      return !before || !sameItems(before, c.items);
    });
    // A few at a time: every gzip stream holds buffers of its own.
    for (let i = 0; i < changed.length; i += 8) {
      const packed = await Promise.all(
        changed.slice(i, i + 8).map(async c => ({
          provider_id: providerId,
          chunk_key: c.key,
          data: await pack(c.items),
        })),
      );
      await tx('paycor_emission_chunks')
        .insert(packed)
        .onConflict(['provider_id', 'chunk_key'])
        .merge(['data']);
    }
    // Chunks the new manifest no longer lists: those of the stored manifest
    // when it is the one the caller knew, else whatever the table holds.
    const used = new Set(all.map(c => c.key));
    const existing =
      storedKeys ??
      (
        await tx('paycor_emission_chunks')
          .where({ provider_id: providerId })
          .select('chunk_key')
      ).map((r: { chunk_key: string }) => r.chunk_key);
    const unused = existing.filter(key => !used.has(key));
    for (let i = 0; i < unused.length; i += 200) {
      await tx('paycor_emission_chunks')
        .where({ provider_id: providerId })
        .whereIn('chunk_key', unused.slice(i, i + 200))
        .delete();
    }
    const manifest: ChunkManifest = {
      version: 2,
      chunks: {
        entities: chunks.entities.map(c => c.key),
        userNames: chunks.userNames.map(c => c.key),
        groupNames: chunks.groupNames.map(c => c.key),
        ...(emission.skipped
          ? { skipped: chunks.skipped.map(c => c.key) }
          : {}),
      },
    };
    return pack(manifest);
  }

  /** The emission a snapshot row's `emission` column points at. */
  private async readEmission(
    db: Knex | Knex.Transaction,
    providerId: string,
    column: Buffer | Uint8Array,
  ): Promise<Emission> {
    const stored = await unpack<Emission | ChunkManifest>(column);
    // written before emissions were chunked
    if (!isChunkManifest(stored)) return stored;
    const rows: Array<{ chunk_key: string; data: Buffer }> = await db(
      'paycor_emission_chunks',
    )
      .where({ provider_id: providerId })
      .select('chunk_key', 'data');
    const byKey = new Map<string, Buffer>(rows.map(r => [r.chunk_key, r.data]));
    const read = async (list: ChunkedList) => {
      const parts = await Promise.all(
        (stored.chunks[list] ?? []).map(key => {
          const data = byKey.get(key);
          if (!data) {
            throw new Error(
              `The stored emission of Paycor provider "${providerId}" misses its chunk ${key}`,
            );
          }
          return unpack<ChunkItem[]>(data);
        }),
      );
      return parts.flat();
    };
    const [entities, userNames, groupNames, skipped] = await Promise.all(
      CHUNKED_LISTS.map(read),
    );
    return {
      version: 1,
      entities: entities as Emission['entities'],
      userNames: userNames as Emission['userNames'],
      groupNames: groupNames as Emission['groupNames'],
      ...(stored.chunks.skipped
        ? { skipped: skipped as NonNullable<Emission['skipped']> }
        : {}),
    };
  }
}

// Chunked once per list: a written emission is the next write's `previous`,
// and a re-apply that changes only Groups passes the very same User names
// and skips (100k items at 100k employees) again.
const chunkedLists = new Map(
  CHUNKED_LISTS.map(list => [list, new WeakMap<object, Chunk[]>()]),
);
const NO_ITEMS: readonly ChunkItem[] = [];

function chunksOf(
  list: ChunkedList,
  items: readonly ChunkItem[],
  previousItems?: readonly ChunkItem[],
): Chunk[] {
  const memo = chunkedLists.get(list)!;
  let chunks = memo.get(items);
  if (!chunks) {
    // the previous version's chunks only when already made: they save
    // hashing, and making them here would cost what they save
    const previous = previousItems && memo.get(previousItems);
    chunks = chunkList(list, items, previous);
    memo.set(items, chunks);
  }
  return chunks;
}

/** The chunks of each list, helped by those of `previous` when known. */
function chunkEmission(
  emission: Emission,
  previous?: Emission,
): Record<ChunkedList, Chunk[]> {
  return {
    entities: chunksOf('entities', emission.entities, previous?.entities),
    userNames: chunksOf('userNames', emission.userNames, previous?.userNames),
    groupNames: chunksOf(
      'groupNames',
      emission.groupNames,
      previous?.groupNames,
    ),
    skipped: chunksOf(
      'skipped',
      emission.skipped ?? NO_ITEMS,
      previous?.skipped,
    ),
  };
}

async function unpack<T>(value: Buffer | Uint8Array): Promise<T> {
  return JSON.parse((await gunzipAsync(Buffer.from(value))).toString('utf8'));
}
