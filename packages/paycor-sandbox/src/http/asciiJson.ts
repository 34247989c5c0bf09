const NON_ASCII = /[\u0080-\uffff]/g;
const HAS_NON_ASCII = /[\u0080-\uffff]/;

/**
 * JSON text with every non-ASCII UTF-16 unit written as `\uXXXX` — what ASP.NET Core's
 * System.Text.Json does by default (guess: Paycor's serializer is unknown; the parsed
 * values are identical either way). Pure-ASCII bodies can be written to the socket as
 * Latin-1, byte for byte, so a 400 KB page costs a copy rather than a UTF-8 encode.
 */
export function escapeNonAscii(json: string): string {
  if (!HAS_NON_ASCII.test(json)) return json;
  return json.replace(
    NON_ASCII,
    char =>
      `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
  );
}

/** JSON.stringify, ASCII-only. */
export function stringifyAscii(value: unknown): string {
  return escapeNonAscii(JSON.stringify(value));
}
