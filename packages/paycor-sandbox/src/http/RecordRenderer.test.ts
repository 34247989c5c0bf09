import { generateOrg } from '../org/generate';
import { OrgStore } from '../org/OrgStore';
import { parseOrgFixture } from '../org/fixture';
import {
  LEGAL_ENTITY_EMPLOYEE_INCLUDES,
  SINGLE_PERSON_INCLUDES,
} from '../paycor/scopes';
import { RecordRenderer } from './RecordRenderer';

/** Every subset of a list. */
const subsets = <T>(items: readonly T[]): T[][] =>
  items.reduce<T[][]>(
    (all, item) => [...all, ...all.map(subset => [...subset, item])],
    [[]],
  );

describe('RecordRenderer', () => {
  const fixture = generateOrg({
    seed: 8,
    employees: 40,
    now: new Date('2025-01-01'),
  });
  // An extra key a newer API version might send must survive, in place.
  (fixture.employees[0] as unknown as Record<string, unknown>).workerCategory =
    'Ünion';
  const store = new OrgStore(
    parseOrgFixture(JSON.parse(JSON.stringify(fixture))),
  );
  const renderer = new RecordRenderer();
  renderer.preRender(store);

  it('assembles every include × e-mail variant of an employee exactly like serializing it', () => {
    const sections = {
      EmploymentDates: 'employmentDateData',
      Position: 'positionData',
      Status: 'statusData',
      WorkLocation: 'workLocation',
    } as const;
    for (const stored of [...store.employees.entries()].slice(0, 5)) {
      const person = store.personOf(stored.record);
      for (const includes of subsets(
        Object.keys(LEGAL_ENTITY_EMPLOYEE_INCLUDES),
      )) {
        for (const emailType of ['Work', 'Home'] as const) {
          const json = renderer.employee(
            stored,
            renderer.employeeShape(new Set(includes), emailType),
            person,
          );
          expect(json).toMatch(/^[\x20-\x7e]*$/);
          const expected: Record<string, unknown> = { ...stored.record };
          for (const [include, field] of Object.entries(sections))
            if (!includes.includes(include)) expected[field] = null;
          if (emailType === 'Home') {
            expected.email = person?.email?.emailAddress
              ? { type: 'Home', emailAddress: person.email.emailAddress }
              : null;
          }
          expect(Object.keys(JSON.parse(json))).toEqual(Object.keys(expected));
          expect(JSON.parse(json)).toEqual(expected);
        }
      }
    }
  });

  it('assembles person variants the same way', () => {
    const [stored] = store.persons.entries();
    for (const includes of subsets(Object.keys(SINGLE_PERSON_INCLUDES)).filter(
      (_, i) => i % 37 === 0,
    )) {
      const parsed = JSON.parse(
        renderer.person(stored, renderer.personShape(new Set(includes))),
      );
      expect(Object.keys(parsed)).toEqual(Object.keys(stored.record));
      expect(parsed.email === null).toBe(!includes.includes('Email'));
      expect(parsed.socialSecurityNumber === null).toBe(
        !includes.includes('SocialSecurityNumber'),
      );
      expect(parsed.firstName).toBe(stored.record.firstName);
    }
  });

  it('serves a replaced record’s new version, never the cached old one', () => {
    const [stored] = store.employees.entries();
    const shape = renderer.employeeShape(new Set(), 'Work');
    expect(
      JSON.parse(renderer.employee(stored, shape, undefined)).lastName,
    ).toBe(stored.record.lastName);
    store.employees.set({ ...stored.record, lastName: 'Changed' });
    const replaced = store.employees.entry(stored.record.id)!;
    expect(
      JSON.parse(renderer.employee(replaced, shape, undefined)).lastName,
    ).toBe('Changed');
  });
});
