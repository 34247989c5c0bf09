function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * A patch applied to a record without touching the original: nested objects merge,
 * anything else (null, scalars, arrays) replaces. Records share sub-objects (e.g. a work
 * location), so copying along the patched path is what keeps the others intact.
 */
export function deepMerge<T extends object>(
  base: T,
  patch: Record<string, unknown>,
): T {
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const current = out[key];
    out[key] =
      isPlainObject(value) && isPlainObject(current)
        ? deepMerge(current, value)
        : value;
  }
  return out as T;
}
