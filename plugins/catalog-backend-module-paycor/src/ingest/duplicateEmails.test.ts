import { makeEmployee } from './__testUtils__/builders';
import {
  Candidate,
  compareBySeniority,
  findDuplicateEmails,
} from './duplicateEmails';

const candidate = (
  id: string,
  email: string | undefined,
  start?: string,
): Candidate => ({
  employee: makeEmployee({ id, email }),
  ...(start ? { start } : {}),
});

describe('compareBySeniority', () => {
  it('orders by start date (unknown last), then id', () => {
    const list = [
      candidate('c', 'x', '2020-01-01'),
      candidate('a', 'x'),
      candidate('b', 'x', '2020-01-01'),
      candidate('d', 'x', '2010-01-01'),
    ];
    expect(list.sort(compareBySeniority).map(c => c.employee.id)).toEqual([
      'd',
      'b',
      'c',
      'a',
    ]);
  });
});

describe('findDuplicateEmails', () => {
  it('finds nothing when emails are unique or missing', () => {
    expect(
      findDuplicateEmails(
        [
          candidate('a', 'a@x.com'),
          candidate('b', undefined),
          candidate('c', ' '),
        ],
        () => false,
      ),
    ).toEqual([]);
  });

  it('compares trimmed and lower-cased, keeping the most senior', () => {
    const result = findDuplicateEmails(
      [
        candidate('new', ' Sam@X.com ', '2022-01-01'),
        candidate('old', 'sam@x.com', '2012-01-01'),
        candidate('mid', 'SAM@x.COM', '2015-01-01'),
      ],
      () => false,
    );
    expect(
      result.map(d => [d.skipped.employee.id, d.owner.employee.id, d.email]),
    ).toEqual([
      ['mid', 'old', 'SAM@x.COM'],
      ['new', 'old', 'Sam@X.com'],
    ]);
  });

  it('prefers whoever had a User last run', () => {
    const result = findDuplicateEmails(
      [
        candidate('old', 'sam@x.com', '2012-01-01'),
        candidate('holder', 'sam@x.com', '2022-01-01'),
      ],
      id => id === 'holder',
    );
    expect(
      result.map(d => [d.skipped.employee.id, d.owner.employee.id]),
    ).toEqual([['old', 'holder']]);
  });

  it('uses seniority among several previous holders, then the lowest id', () => {
    const result = findDuplicateEmails(
      [
        candidate('b', 'sam@x.com'),
        candidate('a', 'sam@x.com'),
        candidate('c', 'sam@x.com'),
      ],
      id => id !== 'a',
    );
    expect(result.map(d => d.owner.employee.id)).toEqual(['b', 'b']);
  });
});
