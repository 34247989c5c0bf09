import { stringifyAscii } from '../http/asciiJson';

/**
 * How body-level faults damage an otherwise correct answer. Deterministic, so a test can
 * assert exactly what it received.
 */

/**
 * `truncated-json`: the body cut in half (at least one character removed), sent as a
 * complete 200 response whose Content-Length matches the cut body.
 */
export function truncateJson(body: string): string {
  return body.slice(
    0,
    Math.max(1, Math.min(body.length - 1, Math.floor(body.length / 2))),
  );
}

/** Which records of a page `malformed-records` damages: every tenth, from the fourth. */
export function isMalformedSlot(index: number, pageLength: number): boolean {
  return pageLength < 4 ? index === 0 : index % 10 === 3;
}

type Damage = (record: Record<string, unknown>) => void;

/** The damage kinds, applied in rotation: missing id, wrong-typed id, null id, wrong-typed fields. */
export const RECORD_DAMAGE: readonly { kind: string; apply: Damage }[] = [
  { kind: 'missing-id', apply: record => void delete record.id },
  { kind: 'numeric-id', apply: record => void (record.id = 12345) },
  {
    kind: 'number-instead-of-string',
    apply: record => {
      const key = Object.keys(record).find(
        k => k !== 'id' && typeof record[k] === 'string',
      );
      if (key) record[key] = 42;
    },
  },
  { kind: 'null-id', apply: record => void (record.id = null) },
  {
    kind: 'string-instead-of-object',
    apply: record => {
      const key = Object.keys(record).find(
        k => record[k] !== null && typeof record[k] === 'object',
      );
      if (key) record[key] = 'N/A';
    },
  },
];

/** Damages the serialized records of a page in place; returns how many were damaged. */
export function malformRecords(records: string[]): number {
  let damaged = 0;
  records.forEach((json, index) => {
    if (!isMalformedSlot(index, records.length)) return;
    const record = JSON.parse(json) as Record<string, unknown>;
    RECORD_DAMAGE[damaged % RECORD_DAMAGE.length].apply(record);
    records[index] = stringifyAscii(record);
    damaged++;
  });
  return damaged;
}
