import fc from 'fast-check';
import {
  DEFAULT_NOW,
  makeConfig,
  makeEmployee,
} from './__testUtils__/builders';
import { employmentDates } from './dating';
import { buildDepartmentTree } from './departmentTree';
import { compareBySeniority } from './duplicateEmails';
import { PreparedEmployees } from './employees';
import { assignNames, wantedUserName } from './naming';
import { screenEmployees, selectPeople } from './people';

describe('selectPeople', () => {
  // selectPeople names people on the groups its screening made, without
  // assignNames' map of every name; the result must be assignNames' own.
  it('names people exactly as assignNames does, whoever is excluded and whatever the previous names', () => {
    const config = makeConfig({ userNaming: 'first-last', timeZone: 'UTC' });
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            first: fc.constantFrom('Ana', 'Bo', 'Cy'),
            last: fc.constantFrom('Lee', 'Li'),
            hired: fc.constantFrom('2019-01-07', '2020-03-02', '2021-05-03'),
            previous: fc.option(
              fc.constantFrom('ana.lee', 'ana.li', 'bo.lee', 'cy.li-x'),
              { nil: undefined },
            ),
            excluded: fc.boolean(),
          }),
          { minLength: 1, maxLength: 30 },
        ),
        people => {
          const employees = people.map((p, i) =>
            makeEmployee({
              id: `e${String(i).padStart(3, '0')}`,
              firstName: p.first,
              lastName: p.last,
              email: `person${i}@example.com`,
              hireDate: `${p.hired}T00:00:00Z`,
            }),
          );
          const previousUserNames = new Map(
            people.flatMap((p, i) =>
              p.previous ? [[employees[i].id, p.previous] as const] : [],
            ),
          );
          const input = {
            employees: PreparedEmployees.of(employees, config.userNaming),
            invalid: [],
            tree: buildDepartmentTree([]),
            legalEntity: { id: 501123 },
            config,
            exclusions: people.flatMap((p, i) =>
              p.excluded
                ? [{ kind: 'employee-id' as const, value: employees[i].id }]
                : [],
            ),
            previousUserNames,
            rootRef: 'group:default/acme',
            now: DEFAULT_NOW,
          };
          const result = selectPeople(input, screenEmployees(input));

          const expected = assignNames(
            result.synced
              .map(({ employee }) => {
                const { start } = employmentDates(employee);
                return start ? { employee, start } : { employee };
              })
              .sort(compareBySeniority)
              .map(({ employee }) => ({
                id: employee.id,
                wanted: wantedUserName(employee, config.userNaming),
                previousName: previousUserNames.get(employee.id),
              })),
          );
          expect(result.userNames).toEqual(expected.names);
          expect(
            result.conflicts.filter(c => c.type === 'name-collision').length,
          ).toBe(expected.collisions.length);
        },
      ),
      { numRuns: 300, seed: 20261206 },
    );
  });
});
