import { makeEmployee } from './__testUtils__/builders';
import {
  compileFieldMapping,
  mappedAnnotations,
  mappedLabels,
} from './fieldMapping';

describe('compileFieldMapping', () => {
  it('sorts targets and drops invalid or reserved keys and empty sources', () => {
    const compiled = compileFieldMapping({
      annotations: {
        'z.example.com/b': 'b',
        'a.example.com/a': 'a',
        'backstage.io/managed-by-location': 'x',
        'paycor.com/employee-id': 'x',
        'paycor.com/job-code': 'positionData.jobCode',
        'bad key': 'x',
        'example.com/empty': '',
      },
      labels: { 'example.com/flsa': 'statusData.flsa', '/bad': 'x' },
    });
    expect(compiled).toEqual({
      annotations: [
        ['a.example.com/a', 'a'],
        ['paycor.com/job-code', 'positionData.jobCode'],
        ['z.example.com/b', 'b'],
      ],
      labels: [['example.com/flsa', 'statusData.flsa']],
    });
  });

  it('accepts a missing mapping', () => {
    expect(compileFieldMapping(undefined)).toEqual({
      annotations: [],
      labels: [],
    });
  });
});

describe('mapped values', () => {
  const mapping = compileFieldMapping({
    annotations: { 'example.com/code': 'code', 'example.com/none': 'none' },
    labels: {
      'example.com/type': 'type',
      'example.com/none': 'none',
      'example.com/bad': 'bad',
    },
  });

  it('copies trimmed annotation values and skips missing ones', () => {
    const e = makeEmployee({ mapped: { code: ' P2 ', none: '  ' } });
    expect(mappedAnnotations(e, mapping)).toEqual([['example.com/code', 'P2']]);
    expect(
      mappedAnnotations(makeEmployee({ mapped: undefined }), mapping),
    ).toEqual([]);
  });

  it('sanitises label values and skips those with nothing valid', () => {
    const e = makeEmployee({ mapped: { type: 'Full Time', bad: '—' } });
    expect(mappedLabels(e, mapping)).toEqual([
      ['example.com/type', 'Full-Time'],
    ]);
    expect(
      mappedLabels(
        makeEmployee({ mapped: { type: 3 as unknown as string } }),
        mapping,
      ),
    ).toEqual([]);
  });
});
