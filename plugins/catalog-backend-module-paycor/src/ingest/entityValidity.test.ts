/*
 * Every entity the transform emits must be one the catalog accepts (its
 * schema, its field-format policy, the User and Group validators), whatever
 * text Paycor sends: names, ids, titles of any script or length, NUL,
 * lone surrogates. The reliability suite fuzzes the whole transform; this
 * keeps its counterexamples and a small property over the texts next to the
 * code that builds entities.
 */
import fc from 'fast-check';
import { toEmployeeRecord } from '../client/toRecords';
import {
  makeDepartment,
  makeEmployee,
  makeInput,
} from './__testUtils__/builders';
import { transformAndCheck } from './__testUtils__/validation';
import { PaycorEmployeeRecord } from './types';

describe('every emitted entity passes the catalog validation', () => {
  it('an employee id of nothing but NUL, with no name or number (reliability fuzz, seed 20261123, case 114)', async () => {
    // The record as the fuzz generated it, through the same parsing as a sync
    // (the job title was 5000 characters of cuneiform).
    const parsed = toEmployeeRecord(
      {
        id: '\u0000',
        email: { type: 'Work', emailAddress: '5v6|z02.3|.c/!.o|=r3g@tz.zx' },
        department: { id: 'd6' },
        positionData: {
          jobTitle: '𒑮𒁜🗋'.repeat(1000),
          jobCode: '🙂‍↔️👩🏽‍💻',
          manager: { id: 'e3' },
        },
        statusData: {
          status: 'Active',
          type: 'Intern',
          flsa: 'Robert"); DROP TABLE paycor_runs;--',
        },
        workLocation: { id: 'w1', name: 'Remote' },
      },
      [],
    );
    expect('record' in parsed).toBe(true);
    const employee = (parsed as { record: PaycorEmployeeRecord }).record;
    const result = await transformAndCheck(
      makeInput({
        employees: [employee],
        departments: [makeDepartment({ id: 'd6' })],
        config: {
          userNaming: 'employee-id',
          emptyDepartments: 'include',
          preStartDays: 1,
          timeZone: 'UTC',
          filters: { statuses: ['Active', 'Fmla'] },
        },
      }),
    );
    const user = result.entities.find(e => e.kind === 'User')!;
    // nothing printable names the person: the entity name does
    expect((user.spec as any).profile.displayName).toBe(user.metadata.name);
    expect(user.metadata.name).toMatch(/^employee-[0-9a-f]{12}$/);
  });

  // Texts the catalog is picky about: NUL (PostgreSQL), lone surrogates,
  // combining marks, scripts without a Latin reading, and very long ones.
  const text = fc.oneof(
    fc.constantFrom('', ' ', '\u0000', '\u0000\u0000', 'a\u0301', '\ud800'),
    fc.string({ unit: 'grapheme', maxLength: 12 }),
    fc.string({ unit: 'binary', maxLength: 12 }),
    fc
      .tuple(
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }),
        fc.integer({ min: 64, max: 3000 }),
      )
      .map(([s, n]) => s.repeat(n).slice(0, n)),
  );
  const optionalText = fc.option(text, { nil: undefined });

  it('whatever the names, ids and titles are', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            id: text.filter(id => id.trim() !== ''),
            firstName: optionalText,
            lastName: optionalText,
            employeeNumber: optionalText,
            email: optionalText,
            jobTitle: optionalText,
            departmentId: fc.constantFrom(undefined, 'd1', 'd2'),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        fc.array(
          fc.record({
            id: fc.constantFrom('d1', 'd2'),
            description: optionalText,
            code: optionalText,
          }),
          { maxLength: 2 },
        ),
        fc.constantFrom(
          'email-local-part',
          'email',
          'employee-number',
          'employee-id',
          'first-last',
        ),
        async (people, departments, userNaming) => {
          const result = await transformAndCheck(
            makeInput({
              employees: people.map(p =>
                makeEmployee({
                  // undefined keys must be absent, as in a parsed record
                  ...Object.fromEntries(
                    Object.entries(p).filter(([, v]) => v !== undefined),
                  ),
                  id: p.id.trim(),
                } as Partial<PaycorEmployeeRecord>),
              ),
              departments: departments.map(d =>
                makeDepartment({
                  id: d.id,
                  ...Object.fromEntries(
                    Object.entries(d).filter(([, v]) => v !== undefined),
                  ),
                }),
              ),
              config: { userNaming },
            }),
          );
          expect(result.stats.users).toBeGreaterThan(0);
        },
      ),
      { numRuns: 150, seed: 20261206 },
    );
  });
});
