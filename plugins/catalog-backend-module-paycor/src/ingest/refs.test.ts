import { groupRef, locationBuilder, normalizeGroupRef, userRef } from './refs';

describe('refs', () => {
  it('builds lower-case refs', () => {
    expect(groupRef('Default', 'Team-A')).toBe('group:default/team-a');
    expect(userRef('hr', 'maria')).toBe('user:hr/maria');
  });

  it.each([
    ['platform', 'group:default/platform'],
    ['  Platform ', 'group:default/platform'],
    ['ops/platform', 'group:ops/platform'],
    ['Group:Ops/Platform', 'group:ops/platform'],
  ])('normalises %j', (raw, expected) => {
    expect(normalizeGroupRef(raw, 'default')).toBe(expected);
  });

  it.each([
    [undefined],
    [''],
    ['  '],
    ['user:default/maria'],
    ['group:default/'],
    [':x'],
  ])('rejects %j', raw => {
    expect(normalizeGroupRef(raw, 'default')).toBeUndefined();
  });

  it('builds location refs', () => {
    const l = locationBuilder('acme', 501123);
    expect(l.employee('e1')).toBe(
      'paycor:acme/legalentities/501123/employees/e1',
    );
    expect(l.department('d1')).toBe(
      'paycor:acme/legalentities/501123/departments/d1',
    );
    expect(l.organization()).toBe(
      'paycor:acme/legalentities/501123/organization',
    );
    expect(l.adminGroup('platform')).toBe('paycor:acme/admin-groups/platform');
  });
});
