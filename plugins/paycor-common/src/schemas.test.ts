import {
  adminGroupRequestSchema,
  approvalDecisionRequestSchema,
  describeValidationIssues,
  exclusionRequestSchema,
  listConflictsQuerySchema,
  setParentRequestSchema,
} from './schemas';

/** What the router answers for a body or query: `body.note: …` or undefined when valid. */
function errorOf(
  schema: {
    safeParse(value: unknown):
      | { success: true }
      | {
          success: false;
          error: {
            issues: ReadonlyArray<{
              path: ReadonlyArray<PropertyKey>;
              message: string;
            }>;
          };
        };
  },
  value: unknown,
  root = 'body',
): string | undefined {
  const result = schema.safeParse(value);
  return result.success
    ? undefined
    : describeValidationIssues(result.error.issues, root);
}

describe('request schemas: control characters in text fields', () => {
  // PostgreSQL's text type cannot hold NUL: accepting one meant a 500 on insert.
  it.each([
    [
      'exclusion value',
      exclusionRequestSchema,
      { kind: 'employee-id', value: 'id-with-\u0000-nul' },
      'body.value',
    ],
    [
      'exclusion value (email kind)',
      exclusionRequestSchema,
      { kind: 'email', value: 'nul\u0000byte@example.com' },
      'body.value',
    ],
    [
      'exclusion note',
      exclusionRequestSchema,
      { kind: 'email', value: 'a@example.com', note: 'a\u0000b' },
      'body.note',
    ],
    [
      'admin group title',
      adminGroupRequestSchema,
      { name: 'nul-title', title: 'T\u0000' },
      'body.title',
    ],
    [
      'admin group description',
      adminGroupRequestSchema,
      { name: 'nul-description', title: 'T', description: 'd\u0000' },
      'body.description',
    ],
    [
      'admin group parent',
      adminGroupRequestSchema,
      { name: 'g', title: 'T', parent: 'group:default/a\u0000b' },
      'body.parent',
    ],
    [
      're-home note',
      setParentRequestSchema,
      { parent: 'group:default/platform', note: 'n\u0000' },
      'body.note',
    ],
    [
      're-home parent',
      setParentRequestSchema,
      { parent: 'platform\u0000' },
      'body.parent',
    ],
    [
      'approval note',
      approvalDecisionRequestSchema,
      { decision: 'approve', note: '\u0000' },
      'body.note',
    ],
  ] as const)(
    'refuses a NUL in the %s with a message naming the field',
    (_label, schema, value, field) => {
      expect(errorOf(schema, value)).toBe(
        `${field}: must not contain control characters (found U+0000 (NUL))`,
      );
    },
  );

  it('refuses a NUL in the conflict search with a message naming query.q', () => {
    expect(errorOf(listConflictsQuerySchema, { q: 'a\u0000b' }, 'query')).toBe(
      'query.q: must not contain control characters (found U+0000 (NUL))',
    );
  });

  it('refuses every C0 control character in single-line fields, line breaks and tabs included', () => {
    for (let code = 0; code < 0x20; code++) {
      const text = `a${String.fromCharCode(code)}b`;
      const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
      expect(
        errorOf(adminGroupRequestSchema, { name: 'g', title: text }),
      ).toContain(
        `body.title: must not contain control characters (found ${hex}`,
      );
      expect(
        errorOf(exclusionRequestSchema, { kind: 'employee-id', value: text }),
      ).toContain(
        `body.value: must not contain control characters (found ${hex}`,
      );
      expect(errorOf(listConflictsQuerySchema, { q: text }, 'query')).toContain(
        `query.q: must not contain control characters (found ${hex}`,
      );
    }
  });

  it('lets notes and descriptions span lines, but refuses other control characters there', () => {
    const multiLine = 'first line\r\n\tsecond line\nthird';
    expect(
      setParentRequestSchema.parse({ parent: 'platform', note: multiLine }),
    ).toEqual({ parent: 'group:default/platform', note: multiLine });
    expect(
      adminGroupRequestSchema.parse({
        name: 'g',
        title: 'T',
        description: multiLine,
      }).description,
    ).toBe(multiLine);
    expect(
      errorOf(exclusionRequestSchema, {
        kind: 'email',
        value: 'a@example.com',
        note: 'bell\u0007',
      }),
    ).toBe('body.note: must not contain control characters (found U+0007)');
    expect(
      errorOf(adminGroupRequestSchema, {
        name: 'g',
        title: 'T',
        description: 'escape\u001b[0m',
      }),
    ).toBe(
      'body.description: must not contain control characters (found U+001B)',
    );
  });

  it('still trims surrounding whitespace (line breaks included) before checking', () => {
    expect(
      adminGroupRequestSchema.parse({ name: 'g', title: '\n Platform \t' })
        .title,
    ).toBe('Platform');
    expect(listConflictsQuerySchema.parse({ q: ' okafor\n' }).q).toBe('okafor');
  });

  it('accepts ordinary unicode text', () => {
    expect(
      adminGroupRequestSchema.parse({
        name: 'g',
        title: 'Équipe Ünïcödé — 東京 🚀',
        description: 'Deutsch: Größe; العربية',
      }),
    ).toMatchObject({ title: 'Équipe Ünïcödé — 東京 🚀' });
    expect(
      exclusionRequestSchema.parse({
        kind: 'email',
        value: 'Ana.Okafor@Example.com',
        note: 'left in 2024',
      }),
    ).toEqual({
      kind: 'email',
      value: 'Ana.Okafor@Example.com',
      note: 'left in 2024',
    });
  });
});
