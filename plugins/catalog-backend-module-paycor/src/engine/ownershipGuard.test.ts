import { OwnershipLookupError } from './catalogOwnership';
import { CatalogState } from './CatalogState';
import { checkOwnedEntities, suggestOwners } from './ownershipGuard';
import { Plan } from './planning';

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

describe('checkOwnedEntities', () => {
  const removed = [
    { entityRef: 'user:default/bob', label: 'Bob', paycorId: 'e-1' },
    { entityRef: 'user:default/ann', label: 'Ann', paycorId: 'e-2' },
  ];
  const planOf = (guard: Plan['guard']) =>
    ({ guard, diff: { removed } } as unknown as Plan);
  const ctxWith = (
    ownership: CatalogState['ownership'],
    ownedEntities: 'hold' | 'warn' | 'off' = 'hold',
  ) => ({
    config: {
      id: 'acme',
      removalGuard: { maxRemovalPercent: 10, ownedEntities },
    } as any,
    stores: { approvals: { latestRejectedHash: async () => undefined } } as any,
    catalog: {
      ownership,
      ...catalogOf({
        'user:default/bob': { spec: { memberOf: ['group:default/payments'] } },
      }),
    } as any,
  });

  it('holds every removal when the catalog cannot be read, saying why', async () => {
    const { plan } = await checkOwnedEntities(
      ctxWith(async () => {
        throw new OwnershipLookupError('no such table: search');
      }),
      planOf({ action: 'apply' }),
    );
    expect(plan.guard).toMatchObject({
      action: 'hold',
      reason: expect.stringContaining('no such table: search'),
      removals: [
        { entityRef: 'user:default/bob' },
        { entityRef: 'user:default/ann' },
      ],
    });
  });

  it('holds the owner alone, with what it owns and its department Group', async () => {
    const { plan, orphaned } = await checkOwnedEntities(
      ctxWith(async refs => {
        expect([...refs].sort()).toEqual([
          'user:default/ann',
          'user:default/bob',
        ]);
        return {
          owned: [
            {
              entityRef: 'component:default/checkout',
              kind: 'Component',
              owners: ['user:default/bob'],
            },
          ],
          existing: new Set(['user:default/bob']),
        };
      }),
      planOf({ action: 'apply' }),
    );
    expect(plan.guard).toMatchObject({
      action: 'hold',
      removals: [
        {
          entityRef: 'user:default/bob',
          orphans: [{ entityRef: 'component:default/checkout' }],
          suggestedOwner: 'group:default/payments',
        },
      ],
    });
    expect(orphaned).toHaveLength(1);
  });

  it('asks nothing when the check is off, and only about their own User in a run for one person', async () => {
    const ownership = jest.fn(async () => ({
      owned: [],
      existing: new Set<string>(),
    }));
    const off = await checkOwnedEntities(
      ctxWith(ownership, 'off'),
      planOf({ action: 'apply' }),
    );
    expect(off.plan.guard).toEqual({ action: 'apply' });
    expect(ownership).not.toHaveBeenCalled();

    await checkOwnedEntities(ctxWith(ownership), planOf({ action: 'apply' }), {
      removeOnly: 'e-2',
    });
    expect(ownership).toHaveBeenCalledWith(['user:default/ann']);
  });
});
