import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import type { ActiveFault } from '../faults/FaultInjector';
import { malformRecords, truncateJson } from '../faults/corruptions';
import type { SandboxRuntime } from '../runtime';
import { stringifyAscii } from './asciiJson';
import { sendJsonText } from './errors';
import { additionalResultsUrl } from './paging';

/** What a route's responder gets: the exchange, the runtime and the fault (if any) to apply. */
export interface CallContext {
  req: Request;
  res: Response;
  runtime: SandboxRuntime;
  fault?: ActiveFault;
}

/** Sends an ASCII JSON body, cut in half when a `truncated-json` fault hit this call. */
export function sendBody(
  ctx: CallContext,
  status: number,
  asciiJson: string,
): void {
  sendJsonText(
    ctx.res,
    status,
    ctx.fault?.type === 'truncated-json' ? truncateJson(asciiJson) : asciiJson,
  );
}

export interface PageToSend {
  /** Serialized records (ASCII JSON). */
  records: string[];
  hasMore: boolean;
  /** Registers the cursor for the next page; only called when there is one. */
  issueToken: () => string;
}

/**
 * Sends a `PagedResultOf<T>` envelope (api.md §4.1), applying listing faults:
 * `malformed-records` damages some records; `interrupted-listing` claims more results
 * behind a continuation token the sandbox never registered, so the next call is the
 * 400 an unknown or expired token gets.
 */
export function sendPage(ctx: CallContext, page: PageToSend): void {
  const records = page.records;
  let hasMore = page.hasMore;
  let token: string | null = null;
  if (ctx.fault?.type === 'malformed-records') malformRecords(records);
  if (ctx.fault?.type === 'interrupted-listing') {
    hasMore = true;
    token = randomUUID();
  } else if (hasMore) {
    token = page.issueToken();
  }
  const url = token ? additionalResultsUrl(ctx.req, token) : null;
  sendBody(
    ctx,
    200,
    pageBody(
      {
        hasMoreResults: hasMore,
        continuationToken: token,
        additionalResultsUrl: url,
      },
      records,
    ),
  );
}

/**
 * A `PagedResultOf<T>` body from serialized records. Envelope and records become one
 * flat string in a single join, with no intermediate copies of the ~400 KB page.
 */
export function pageBody(
  envelope: {
    hasMoreResults: boolean;
    continuationToken: string | null;
    additionalResultsUrl: string | null;
  },
  records: readonly string[],
): string {
  const head = stringifyAscii(envelope).slice(0, -1);
  const parts = records.length ? [...records] : [''];
  parts[0] = `${head},"records":[${parts[0]}`;
  parts[parts.length - 1] += ']}';
  return parts.join(',');
}
