import {
  activatedLegalEntitiesSchema,
  employeeSchema,
  legalEntitySchema,
  pagedEnvelopeSchema,
  tokenResponseSchema,
} from './paycorSchemas';

describe('pagedEnvelopeSchema', () => {
  it.each([
    [true, true],
    ['True', true],
    ['true', true],
    [false, false],
    ['False', false],
    ['false', false],
    [null, false],
    [undefined, false],
  ])('reads hasMoreResults %p as %p (S2 sends "True")', (value, expected) => {
    const parsed = pagedEnvelopeSchema.parse({
      hasMoreResults: value,
      records: [],
    });
    expect(parsed.hasMoreResults).toBe(expected);
  });

  it('rejects a hasMoreResults it cannot read rather than guessing', () => {
    expect(
      pagedEnvelopeSchema.safeParse({ hasMoreResults: 'yes' }).success,
    ).toBe(false);
    expect(pagedEnvelopeSchema.safeParse({ hasMoreResults: 1 }).success).toBe(
      false,
    );
  });

  it('accepts the last page with nulls, and records of any shape', () => {
    expect(
      pagedEnvelopeSchema.parse({
        hasMoreResults: false,
        continuationToken: null,
        additionalResultsUrl: null,
        records: [{ id: 1 }, 'N/A', null],
      }),
    ).toEqual({
      hasMoreResults: false,
      continuationToken: null,
      additionalResultsUrl: null,
      records: [{ id: 1 }, 'N/A', null],
    });
    expect(pagedEnvelopeSchema.parse({ records: null }).records).toBeNull();
  });

  it('rejects records that are not a list', () => {
    expect(pagedEnvelopeSchema.safeParse({ records: { id: 1 } }).success).toBe(
      false,
    );
  });
});

describe('tokenResponseSchema', () => {
  it('reads expires_in given as a string', () => {
    expect(
      tokenResponseSchema.parse({
        access_token: 'a',
        expires_in: '1800',
        refresh_token: 'r',
      }),
    ).toEqual({ access_token: 'a', expires_in: 1800, refresh_token: 'r' });
  });

  it('requires an access token', () => {
    expect(tokenResponseSchema.safeParse({ access_token: '' }).success).toBe(
      false,
    );
    expect(tokenResponseSchema.safeParse({ refresh_token: 'r' }).success).toBe(
      false,
    );
  });
});

describe('legalEntitySchema and activatedLegalEntitiesSchema', () => {
  it('reads numeric ids given as strings', () => {
    expect(legalEntitySchema.parse({ id: '501123' }).id).toBe(501123);
    expect(legalEntitySchema.safeParse({ id: 'abc' }).success).toBe(false);
    expect(
      activatedLegalEntitiesSchema.parse({
        userLegalEntities: [{ legalEntityId: '501123', tenantId: '10138' }],
      }).userLegalEntities,
    ).toEqual([{ legalEntityId: 501123, tenantId: 10138 }]);
  });
});

describe('employeeSchema', () => {
  it('accepts employee numbers as strings or numbers (toRecords makes them strings)', () => {
    expect(
      employeeSchema.parse({ id: 'e1', employeeNumber: 42 }).employeeNumber,
    ).toBe(42);
    expect(
      employeeSchema.parse({ id: 'e1', employeeNumber: '0042' }).employeeNumber,
    ).toBe('0042');
    expect(employeeSchema.safeParse({ id: 'e1', employeeNumber: true }).success).toBe(
      false,
    );
  });

  it('ignores unknown fields', () => {
    expect(
      employeeSchema.safeParse({ id: 'e1', somethingNew: { a: 1 } }).success,
    ).toBe(true);
  });
});
