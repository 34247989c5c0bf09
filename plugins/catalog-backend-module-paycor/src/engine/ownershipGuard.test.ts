import { suggestOwners } from './ownershipGuard';

/** The catalog's unprocessed entities, by ref (what this provider emitted). */
function catalogOf(entities: Record<string, unknown>) {
  return {
    async unprocessedEntities(refs: readonly string[]) {
      return new Map(
        refs.filter(r => r in entities).map(r => [r, entities[r]] as const),
      );
    },
  };
}

describe('suggestOwners', () => {
  const catalog = catalogOf({
    'user:default/bob': { spec: { memberOf: ['group:default/payments-team'] } },
    'user:default/ann': { spec: { memberOf: ['group:default/closed-dept'] } },
    'group:default/closed-dept': {
      spec: { parent: 'group:default/closed-division' },
    },
    'group:default/closed-division': { spec: { parent: 'engineering' } },
    'group:default/sales': { spec: { parent: 'group:default/acme' } },
    'user:default/nobody': { spec: {} },
  });

  it("suggests a User's department Group and a Group's parent", async () => {
    const suggestions = await suggestOwners(
      catalog,
      ['user:default/bob', 'group:default/sales'],
      new Set(['user:default/bob', 'group:default/sales']),
    );
    expect(suggestions).toEqual(
      new Map([
        ['user:default/bob', 'group:default/payments-team'],
        ['group:default/sales', 'group:default/acme'],
      ]),
    );
  });

  it('walks up past departments the same run removes, to the nearest one that stays', async () => {
    const suggestions = await suggestOwners(
      catalog,
      ['user:default/ann'],
      new Set([
        'user:default/ann',
        'group:default/closed-dept',
        'group:default/closed-division',
      ]),
    );
    // a relative parent ref is read as a Group in the same namespace
    expect(suggestions.get('user:default/ann')).toBe(
      'group:default/engineering',
    );
  });

  it('suggests nothing when there is nothing to go on', async () => {
    const suggestions = await suggestOwners(
      catalog,
      ['user:default/nobody', 'user:default/unknown'],
      new Set(['user:default/nobody', 'user:default/unknown']),
    );
    expect(suggestions.size).toBe(0);
  });
});
