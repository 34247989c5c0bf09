import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import type { RecordCollection, StoredRecord } from '../org/OrgStore';
import { PaycorHttpError } from './errors';

/**
 * Paycor's continuation-token paging (api.md §4.1, §5).
 *
 * The sandbox pages with keyset cursors: records are ordered by id (lower-cased GUID),
 * and a continuation token remembers the last id served. A record added or changed
 * between two pages therefore never makes another record skip or repeat; records added
 * behind the cursor simply are not seen by that listing.
 *
 * Guesses (api.md Q5): tokens are GUIDs kept server-side for 30 minutes of the sandbox
 * clock; a token can be replayed while valid (so a client may retry a failed page);
 * a token belongs to its endpoint, legal entity and filters — used with other filters,
 * unknown or expired it is a 400 PaycorError. Changing `include`/`emailType` between
 * pages is allowed: they only shape the records.
 */

/** api.md §5: "returns 200 records per page" for employees by legal entity. */
export const EMPLOYEE_PAGE_SIZE = 200;
/** api.md §5: the generic PagedResult text pages beyond 100. */
export const DEFAULT_PAGE_SIZE = 100;

export const CONTINUATION_TOKEN_TTL_MS = 30 * 60 * 1000;
const MAX_LIVE_TOKENS = 200_000;

interface Cursor {
  listKey: string;
  afterKey: string;
  issuedAt: number;
}

export class ContinuationTokens {
  private readonly cursors = new Map<string, Cursor>();

  constructor(
    private readonly now: () => Date,
    private readonly ttlMs = CONTINUATION_TOKEN_TTL_MS,
  ) {}

  issue(listKey: string, afterKey: string): string {
    const token = randomUUID();
    this.cursors.set(token, {
      listKey,
      afterKey,
      issuedAt: this.now().getTime(),
    });
    if (this.cursors.size > MAX_LIVE_TOKENS) {
      // Map iteration order is insertion order: drop the oldest.
      const oldest = this.cursors.keys().next().value;
      if (oldest !== undefined) this.cursors.delete(oldest);
    }
    return token;
  }

  /** The key to continue after, or a 400 for an unknown, expired or foreign token. */
  resolve(token: string, listKey: string): string {
    const cursor = this.cursors.get(token.toLowerCase());
    const invalid = () =>
      new PaycorHttpError(
        400,
        'Validation Error',
        'The continuation token is invalid or has expired.',
        {
          continuationToken: `The continuation token '${token}' is not valid for this request.`,
        },
      );
    if (!cursor) throw invalid();
    if (this.now().getTime() - cursor.issuedAt >= this.ttlMs) {
      this.cursors.delete(token.toLowerCase());
      throw invalid();
    }
    if (cursor.listKey !== listKey) throw invalid();
    return cursor.afterKey;
  }

  clear(): void {
    this.cursors.clear();
  }
}

export interface Page<T> {
  records: StoredRecord<T>[];
  /** Key of the last record served (the next page starts after it). */
  lastKey: string | undefined;
  hasMore: boolean;
}

/** Up to `pageSize` records after `afterKey` that pass `filter`, and whether more follow. */
export function readPage<T extends { id: string }>(
  collection: RecordCollection<T>,
  options: {
    afterKey?: string;
    pageSize: number;
    filter?: (record: T) => boolean;
  },
): Page<T> {
  const { pageSize, filter } = options;
  const keys = collection.keysInOrder();
  const records: StoredRecord<T>[] = [];
  let lastKey: string | undefined;
  for (let i = collection.indexAfter(options.afterKey); i < keys.length; i++) {
    const stored = collection.entryByKey(keys[i])!;
    if (filter && !filter(stored.record)) continue;
    if (records.length === pageSize) return { records, lastKey, hasMore: true };
    records.push(stored);
    lastKey = keys[i];
  }
  return { records, lastKey, hasMore: false };
}

/**
 * `additionalResultsUrl`: the request's own path and query with the new token. The APIm
 * `subscription-key` parameter is dropped: the gateway strips it before the backend that
 * builds this URL ever sees it (guess, api.md Q5).
 */
export function additionalResultsUrl(req: Request, token: string): string {
  const queryStart = req.originalUrl.indexOf('?');
  const params = new URLSearchParams(
    queryStart === -1 ? '' : req.originalUrl.slice(queryStart + 1),
  );
  for (const key of [...params.keys()]) {
    const lower = key.toLowerCase();
    if (lower === 'continuationtoken' || key === 'subscription-key')
      params.delete(key);
  }
  params.append('continuationToken', token);
  return `${req.path}?${params.toString()}`;
}
