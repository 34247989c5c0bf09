/**
 * How many levels of objects and arrays `apply` walks. Paycor's deepest value
 * is ~5 levels down from a response's root (`records[i].positionData.manager.id`),
 * so nothing the schemas read is ever deeper. Below this depth values are
 * left exactly as sent: a broken or hostile answer nested 100,000 levels deep
 * must not overflow the stack (JSON.parse copes with it; a recursive walk
 * does not). Such a value then fails its record's schema like any other
 * wrong-typed field (an `invalid-record` conflict; the rest of the page is
 * used), or is ignored with the rest of the unknown fields.
 */
export const MAX_KEY_DEPTH = 64;

/**
 * Paycor's own OpenAPI copy spells properties in PascalCase while the wire and
 * every real client use camelCase (api.md §4.0). Parsing is therefore
 * case-insensitive: every key is mapped to its canonical camelCase spelling
 * before validation. Objects already in canonical form are returned as-is, so
 * the common case costs one set lookup per key.
 */
export class CanonicalKeys {
  private readonly exact: Set<string>;
  private readonly byLowerCase: Map<string, string>;

  constructor(keys: Iterable<string>) {
    this.exact = new Set(keys);
    this.byLowerCase = new Map(
      [...this.exact].map(key => [key.toLowerCase(), key]),
    );
  }

  /** A copy that also knows `keys` (e.g. the segments of configured field paths). */
  extend(keys: Iterable<string>): CanonicalKeys {
    return new CanonicalKeys([...this.exact, ...keys]);
  }

  /**
   * Like `apply`, for one response. One serializer writes a whole response,
   * so when the envelope's keys and the first record's keys are already
   * camelCase, the rest are too and the walk over every record is skipped
   * (a 200-record page has ~12,000 keys).
   */
  applyToResponse(body: unknown): unknown {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      return this.apply(body);
    }
    const envelope = body as Record<string, unknown>;
    if (!Object.keys(envelope).every(looksCamelCase)) return this.apply(body);
    const records = envelope.records;
    if (!Array.isArray(records)) return this.apply(body);
    const first = records[0];
    if (first === undefined) return body;
    if (
      first !== null &&
      typeof first === 'object' &&
      Object.keys(first).every(looksCamelCase)
    ) {
      return body;
    }
    return this.apply(body);
  }

  /**
   * Recursively renames keys; unknown keys keep their spelling (and are
   * ignored later). Objects and arrays more than `MAX_KEY_DEPTH` levels deep
   * are returned untouched, so any depth is safe.
   */
  apply(value: unknown): unknown {
    return this.applyAt(value, 0);
  }

  private applyAt(value: unknown, depth: number): unknown {
    if (depth >= MAX_KEY_DEPTH) return value;
    if (Array.isArray(value)) {
      let copy: unknown[] | undefined;
      for (let i = 0; i < value.length; i++) {
        const item = this.applyAt(value[i], depth + 1);
        if (item !== value[i]) {
          copy ??= value.slice();
          copy[i] = item;
        }
      }
      return copy ?? value;
    }
    if (value === null || typeof value !== 'object') return value;

    const source = value as Record<string, unknown>;
    let renamed: Record<string, unknown> | undefined;
    for (const key in source) {
      if (!Object.prototype.hasOwnProperty.call(source, key)) continue;
      const child = source[key];
      const canonical = this.exact.has(key)
        ? key
        : this.byLowerCase.get(key.toLowerCase()) ?? key;
      const mapped =
        child !== null && typeof child === 'object'
          ? this.applyAt(child, depth + 1)
          : child;
      if (canonical !== key || mapped !== child) {
        renamed ??= { ...source };
        if (canonical !== key) delete renamed[key];
        renamed[canonical] = mapped;
      }
    }
    return renamed ?? source;
  }
}

function looksCamelCase(key: string): boolean {
  const first = key.charCodeAt(0);
  return first >= 97 && first <= 122; // a-z
}
