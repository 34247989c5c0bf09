import fc from 'fast-check';

/** Per-target case counts: RELIABILITY_FUZZ_RUNS overrides, RELIABILITY_QUICK shrinks. */
export function fuzzRuns(normal: number) {
  if (process.env.RELIABILITY_FUZZ_RUNS)
    return Number(process.env.RELIABILITY_FUZZ_RUNS);
  return process.env.RELIABILITY_QUICK === '1' ? Math.ceil(normal / 4) : normal;
}

/** Reproducible unless RELIABILITY_FUZZ_SEED is set to something else. */
export const fuzzSeed = Number(process.env.RELIABILITY_FUZZ_SEED ?? 20261123);

/** 10k–300k characters of a (possibly multi-unit) grapheme, cut anywhere (lone surrogates). */
export const hugeString = fc
  .tuple(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 4 }),
    fc.integer({ min: 10_000, max: 300_000 }),
  )
  .map(([s, n]) => s.repeat(Math.ceil(n / s.length)).slice(0, n));

export const unicodeString = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }), // lone surrogates, NUL, controls
  fc.constantFrom(
    'Zoë Łukasiewicz',
    '王秀英',
    '김민준',
    'Ελένη',
    'Иван',
    'מרים',
    'أحمد',
    '🙂‍↔️👩🏽‍💻',
    '\u0000',
    '\u202e',
    'a\u0301',
    ' ',
    '',
    'N/A',
    'null',
    'undefined',
    '__proto__',
    "O'Brien",
    'Robert"); DROP TABLE paycor_runs;--',
    '%00',
    '..',
    '../../etc/passwd',
  ),
);

/** A value of the wrong shape for almost any field. */
export const weirdValue: fc.Arbitrary<unknown> = fc.oneof(
  unicodeString,
  hugeString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 1 }), {
    maxKeys: 3,
  }),
);

/** Recases an identifier at random (Paycor's OpenAPI copy uses PascalCase). */
export function recase(key: string, mode: number) {
  switch (mode % 4) {
    case 0:
      return key;
    case 1:
      return key[0].toUpperCase() + key.slice(1);
    case 2:
      return key.toUpperCase();
    default:
      return key.toLowerCase();
  }
}

/** Percent-encodes any string, lone surrogates included (as UTF-8 of U+FFFD). */
export function encodePath(value: string) {
  return [...Buffer.from(value, 'utf8')]
    .map(b =>
      /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}
