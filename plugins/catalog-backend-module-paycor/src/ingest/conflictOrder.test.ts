import { sortConflicts } from './conflictOrder';
import { ConflictDraft } from './types';

const draft = (
  type: ConflictDraft['type'],
  id: string,
  message = `m-${id}`,
  resolution = 'fix it',
): ConflictDraft => ({
  type,
  subject: { kind: 'employee', id },
  message,
  resolution,
});

describe('sortConflicts', () => {
  it('sorts by type, then subject id', () => {
    const sorted = sortConflicts([
      draft('missing-email', 'b'),
      draft('duplicate-email', 'z'),
      draft('missing-email', 'a'),
    ]);
    expect(sorted.map(c => `${c.type}/${c.subject.id}`)).toEqual([
      'duplicate-email/z',
      'missing-email/a',
      'missing-email/b',
    ]);
  });

  it('merges drafts about the same subject and type', () => {
    const sorted = sortConflicts([
      draft('invalid-record', 'a', 'Second.', 'Other fix.'),
      draft('invalid-record', 'a', 'First.', 'Fix.'),
      draft('invalid-record', 'a', 'First.', 'Fix.'),
      draft('invalid-record', 'a', 'Third.', 'Fix.'),
    ]);
    expect(sorted).toEqual([
      {
        type: 'invalid-record',
        subject: { kind: 'employee', id: 'a' },
        message: 'First. Second. Third.',
        resolution: 'Fix. Other fix.',
      },
    ]);
  });

  it('keeps the same id of different kinds apart', () => {
    const sorted = sortConflicts([
      {
        ...draft('invalid-record', 'x'),
        subject: { kind: 'department', id: 'x' },
      },
      draft('invalid-record', 'x'),
    ]);
    expect(sorted.map(c => c.subject.kind)).toEqual(['department', 'employee']);
  });
});
