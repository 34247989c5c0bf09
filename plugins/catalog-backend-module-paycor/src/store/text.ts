/**
 * PostgreSQL's text and varchar types cannot hold NUL (U+0000): a statement
 * with one fails ("invalid byte sequence for encoding UTF8: 0x00"). Paycor's
 * data can contain it (a name, a department description, a token in an error
 * message), and so can every message built from that data, so each text the
 * module writes to its own tables goes through here. SQLite could store NUL,
 * but both databases must hold the same thing. The admin API refuses NUL in
 * what people type; this is the last line for everything else.
 */
export function storableText(value: string): string {
  return value.includes('\u0000') ? value.replaceAll('\u0000', '') : value;
}

/** `storableText` for nullable columns: undefined and null become null. */
export function storableOptionalText(
  value: string | null | undefined,
): string | null {
  return value === undefined || value === null ? null : storableText(value);
}
