import { reserveGroupNames, resolveRoot } from './organization';

describe('resolveRoot', () => {
  const le = { id: 501123, name: 'Acme Corp' };

  it('uses organization.ref without emitting an org Group', () => {
    expect(resolveRoot({ ref: 'Company' }, le, 'default')).toEqual({
      ref: 'group:default/company',
    });
  });

  it('ignores a ref that cannot name a Group', () => {
    expect(
      resolveRoot({ ref: 'user:default/x' }, le, 'default').org,
    ).toBeDefined();
  });

  it('names the org from config, the legal entity, or its id', () => {
    expect(resolveRoot({ name: 'acme', title: 'ACME' }, le, 'default')).toEqual(
      {
        ref: 'group:default/acme',
        org: { name: 'acme', title: 'ACME' },
      },
    );
    expect(resolveRoot({}, le, 'hr')).toEqual({
      ref: 'group:hr/acme-corp',
      org: { name: 'acme-corp', title: 'Acme Corp' },
    });
    expect(resolveRoot(undefined, { id: 9, name: ' ' }, 'default')).toEqual({
      ref: 'group:default/paycor-9',
      org: { name: 'paycor-9', title: 'Paycor legal entity 9' },
    });
  });
});

describe('reserveGroupNames', () => {
  const org = resolveRoot({}, { id: 1, name: 'Acme' }, 'default');

  it('reserves the org and admin names, in name order', () => {
    const r = reserveGroupNames(
      org,
      [
        { name: 'zeta', title: 'Zeta', type: 'team' },
        { name: 'Alpha Team', title: 'Alpha', type: 'team' },
      ],
      'default',
    );
    expect(r.adminGroups.map(a => a.ref)).toEqual([
      'group:default/alpha-team',
      'group:default/zeta',
    ]);
    expect([...r.reserved]).toEqual([
      ['acme', 'group:default/acme'],
      ['alpha-team', 'group:default/alpha-team'],
      ['zeta', 'group:default/zeta'],
    ]);
    expect(r.describe.get('group:default/acme')).toBe(
      'the organization Group group:default/acme',
    );
    expect(r.describe.get('group:default/zeta')).toBe(
      'the admin Group "Zeta" (group:default/zeta)',
    );
    expect(r.conflicts).toEqual([]);
  });

  it('reserves a root ref only in our namespace', () => {
    expect([
      ...reserveGroupNames({ ref: 'group:default/company' }, [], 'default')
        .reserved,
    ]).toEqual([['company', 'group:default/company']]);
    expect(
      reserveGroupNames({ ref: 'group:corp/company' }, [], 'default').reserved
        .size,
    ).toBe(0);
  });

  it('drops admin Groups with invalid, org or repeated names', () => {
    const r = reserveGroupNames(
      org,
      [
        { name: 'acme', title: 'Clash', type: 'team' },
        { name: 'ops', title: 'Ops', type: 'team' },
        { name: 'OPS', title: 'Ops again', type: 'team' },
        { name: '運用', title: 'Ops (JP)', type: 'team' },
      ],
      'default',
    );
    expect(r.adminGroups.map(a => a.definition.title)).toEqual(['Ops again']);
    expect(r.conflicts.map(c => c.message)).toEqual([
      expect.stringContaining('has no usable entity name'),
      expect.stringContaining('same name as the organization Group'),
      expect.stringContaining('More than one admin Group is named "ops"'),
    ]);
  });
});
