import { Knex } from 'knex';
import { storableText } from './text';

/** Rows one statement inserts: its JSON parameter stays well under a megabyte. */
export const JSON_ROWS_PER_STATEMENT = 2000;

/** Row values per statement in the fallback: under every database's parameter limit. */
const VALUES_ROWS_PER_STATEMENT = 500;

/** How a database expands a JSON array of rows (arrays of text) into rows. */
const JSON_EXPANSIONS: Record<
  string,
  { source: string; element: (index: number) => string } | undefined
> = {
  // better-sqlite3's knex dialect is sqlite3's
  sqlite3: {
    source: 'json_each(?) order by key',
    element: i => `json_extract(value, '$[${i}]')`,
  },
  postgresql: {
    source:
      'json_array_elements(cast(? as json)) with ordinality as e(v, n) order by e.n',
    element: i => `e.v->>${i}`,
  },
};

export interface JsonRowsInsert<T> {
  table: string;
  /** columns every row shares, with their value */
  shared: ReadonlyArray<readonly [column: string, value: string | null]>;
  /** the columns each row gives, in the order of its values */
  columns: readonly string[];
  rows: readonly T[];
  /** a row's values, in the order of `columns` (made a statement at a time) */
  valuesOf(row: T): ReadonlyArray<string | null>;
}

/**
 * Inserts many rows of text columns with statements that carry the rows as
 * one JSON parameter, expanded by the database (SQLite's `json_each`,
 * PostgreSQL's `json_array_elements`), in the order given.
 *
 * Why: a first sync records a row per person (~90k at 100k employees). As
 * multi-row VALUES that is eight parameters a row, and knex walks every
 * placeholder of every statement in JavaScript (its raw formatter), which cost
 * about as much as the database's own work and allocated ~140 MB of strings
 * in a 100k sync. Here knex sees a handful of placeholders per statement.
 * Other databases get the VALUES form.
 *
 * Every value goes through `storableText` (no NUL, which PostgreSQL cannot
 * hold) and is made well-formed UTF-16 (a lone surrogate becomes U+FFFD, as
 * the drivers do when they bind a string): JSON escapes a lone surrogate, and
 * PostgreSQL refuses the escape where it would otherwise store U+FFFD.
 */
export async function insertJsonRows<T>(
  tx: Knex | Knex.Transaction,
  insert: JsonRowsInsert<T>,
): Promise<void> {
  const { table, shared, columns, rows, valuesOf } = insert;
  const dialect = (tx.client as { dialect?: string }).dialect ?? '';
  const expansion = JSON_EXPANSIONS[dialect];
  const identifiers = [table, ...shared.map(([c]) => c), ...columns];
  const columnList = identifiers
    .slice(1)
    .map(() => '??')
    .join(', ');
  const sharedValues = shared.map(([, v]) => storableValue(v));
  if (!expansion) {
    await insertAsValues(tx, identifiers, columnList, sharedValues, insert);
    return;
  }
  const select = [
    ...shared.map(() => '?'),
    ...columns.map((_, i) => expansion.element(i)),
  ].join(', ');
  const sql = `insert into ?? (${columnList}) select ${select} from ${expansion.source}`;
  for (let i = 0; i < rows.length; i += JSON_ROWS_PER_STATEMENT) {
    const json = JSON.stringify(
      rows
        .slice(i, i + JSON_ROWS_PER_STATEMENT)
        .map(row => valuesOf(row).map(storableValue)),
    );
    await tx.raw(sql, [...identifiers, ...sharedValues, json]);
  }
}

async function insertAsValues<T>(
  tx: Knex | Knex.Transaction,
  identifiers: readonly string[],
  columnList: string,
  sharedValues: ReadonlyArray<string | null>,
  { columns, rows, valuesOf }: JsonRowsInsert<T>,
) {
  const placeholders = `(${[...sharedValues, ...columns]
    .map(() => '?')
    .join(', ')})`;
  for (let i = 0; i < rows.length; i += VALUES_ROWS_PER_STATEMENT) {
    const batch = rows.slice(i, i + VALUES_ROWS_PER_STATEMENT);
    const bindings: Array<string | null> = [...identifiers];
    for (const row of batch) {
      bindings.push(...sharedValues, ...valuesOf(row).map(storableValue));
    }
    await tx.raw(
      `insert into ?? (${columnList}) values ${batch
        .map(() => placeholders)
        .join(', ')}`,
      bindings,
    );
  }
}

function storableValue(value: string | null): string | null {
  if (value === null) return null;
  const text = storableText(value);
  return text.isWellFormed() ? text : text.toWellFormed();
}
