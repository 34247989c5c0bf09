import type { EmailType } from '../paycor/enums';
import type { OrgStore, StoredRecord } from '../org/OrgStore';
import type {
  Department,
  Employee,
  LegalEntity,
  Person,
  WorkLocation,
} from '../paycor/types';
import { escapeNonAscii, stringifyAscii } from './asciiJson';

/**
 * Serializes records for the wire. Each record is pre-serialized once into JSON
 * fragments: the skeleton around its include-dependent sections, and each section on
 * its own. Any include set × e-mail type is then a concatenation — no JSON.stringify on
 * the request path, one cache for all variants. A mutation stores a new StoredRecord,
 * so fragments can never be stale. The JSON is ASCII-only (see `asciiJson.ts`).
 *
 * Guess (api.md Q6): sections a request did not include are present as `null`, not
 * omitted.
 */

/** Employee sections that depend on the request, in the record's key order. */
const EMPLOYEE_SECTIONS = [
  'email',
  'employmentDateData',
  'positionData',
  'statusData',
  'workLocation',
] as const;
/** `include` value → index into EMPLOYEE_SECTIONS. */
const EMPLOYEE_INCLUDE_SECTION: Readonly<Record<string, number>> = {
  EmploymentDates: 1,
  Position: 2,
  Status: 3,
  WorkLocation: 4,
};

/** `include` value → the Person field it unlocks, in the record's key order. */
const PERSON_INCLUDE_SECTION: Readonly<Record<string, keyof Person>> = {
  SocialSecurityNumber: 'socialSecurityNumber',
  Email: 'email',
  Demographic: 'demographicData',
  Benefit: 'benefitData',
  EmergencyContact: 'emergencyContactData',
  Military: 'militaryData',
  SocialMedia: 'socialMediaData',
  EmployeeAssignments: 'employeeAssignments',
  Addresses: 'addresses',
  Phones: 'phones',
};
const PERSON_INCLUDE_NAMES = Object.keys(PERSON_INCLUDE_SECTION);
const PERSON_SECTIONS = Object.values(PERSON_INCLUDE_SECTION);

/**
 * Stand-ins for the sections while the skeleton is serialized: strings JSON.stringify
 * renders as `"\u0000S0\u0000"`, … (NUL characters never occur in real data).
 */
const PLACEHOLDERS = Array.from({ length: 16 }, (_, n) => `\u0000S${n}\u0000`);
const PLACEHOLDER_TEXTS = PLACEHOLDERS.map(p => JSON.stringify(p));

/**
 * Splits a record into `sections.length + 1` skeleton pieces and one JSON text per
 * section: `skeleton[0] + section[0] + skeleton[1] + … + skeleton[n]` is the record.
 * Key order and unknown keys of the record are preserved; `sections` must be listed in
 * the record's key order, which normalization guarantees for every stored record.
 */
function fragment<T extends object>(
  record: T,
  sections: readonly (keyof T)[],
): string[] {
  const marked: Record<string, unknown> = {
    ...(record as Record<string, unknown>),
  };
  sections.forEach((field, n) => {
    marked[field as string] = PLACEHOLDERS[n];
  });
  const skeletonJson = escapeNonAscii(JSON.stringify(marked));
  const pieces: string[] = [];
  let from = 0;
  sections.forEach((_, n) => {
    const at = skeletonJson.indexOf(PLACEHOLDER_TEXTS[n], from);
    if (at < 0)
      throw new Error(
        `record ${String(marked.id)}: section ${String(
          sections[n],
        )} out of key order`,
      );
    pieces.push(skeletonJson.slice(from, at));
    from = at + PLACEHOLDER_TEXTS[n].length;
  });
  pieces.push(skeletonJson.slice(from));
  for (const field of sections)
    pieces.push(stringifyAscii(record[field] ?? null));
  return pieces;
}

function fragmentsOf<T extends object>(
  stored: StoredRecord<T>,
  sections: readonly (keyof T)[],
): readonly string[] {
  if (!stored.fragments) stored.fragments = fragment(stored.record, sections);
  return stored.fragments;
}

/**
 * `emailType=Home` answers the person's home e-mail in the employee's single `email`
 * slot (api.md §4.2); a person without one yields `null`.
 */
function homeEmailJson(person: Person | undefined): string {
  const address = person?.email?.emailAddress;
  return address
    ? stringifyAscii({ type: 'Home', emailAddress: address })
    : 'null';
}

/** Which sections a request wants; computed once per request, applied to every record. */
export interface EmployeeShape {
  homeEmail: boolean;
  /** Indexed like EMPLOYEE_SECTIONS; index 0 (email) is always served. */
  included: readonly boolean[];
}

export interface PersonShape {
  /** Indexed like PERSON_SECTIONS. */
  included: readonly boolean[];
}

export class RecordRenderer {
  employeeShape(
    includes: ReadonlySet<string>,
    emailType: EmailType,
  ): EmployeeShape {
    const included = EMPLOYEE_SECTIONS.map((_, n) => n === 0);
    for (const include of includes) {
      const section = EMPLOYEE_INCLUDE_SECTION[include];
      if (section !== undefined) included[section] = true;
    }
    return { homeEmail: emailType === 'Home', included };
  }

  personShape(includes: ReadonlySet<string>): PersonShape {
    return { included: PERSON_INCLUDE_NAMES.map(name => includes.has(name)) };
  }

  /** `person` is only read for a Home-email shape. */
  employee(
    stored: StoredRecord<Employee>,
    shape: EmployeeShape,
    person: Person | undefined,
  ): string {
    const parts = fragmentsOf(stored, EMPLOYEE_SECTIONS);
    const sections = EMPLOYEE_SECTIONS.length;
    let json =
      parts[0] +
      (shape.homeEmail ? homeEmailJson(person) : parts[sections + 1]);
    for (let n = 1; n < sections; n++)
      json += parts[n] + (shape.included[n] ? parts[sections + 1 + n] : 'null');
    return json + parts[sections];
  }

  person(stored: StoredRecord<Person>, shape: PersonShape): string {
    const parts = fragmentsOf(stored, PERSON_SECTIONS);
    const sections = PERSON_SECTIONS.length;
    let json = parts[0];
    for (let n = 0; n < sections; n++)
      json +=
        (shape.included[n] ? parts[sections + 1 + n] : 'null') + parts[n + 1];
    return json;
  }

  department(stored: StoredRecord<Department>): string {
    return fragmentsOf(stored, [])[0];
  }

  workLocation(stored: StoredRecord<WorkLocation>): string {
    return fragmentsOf(stored, [])[0];
  }

  legalEntity(record: LegalEntity, includes: ReadonlySet<string>): string {
    return stringifyAscii({
      ...record,
      businessNames: includes.has('BusinessNames')
        ? record.businessNames
        : null,
    });
  }

  /**
   * Pre-serializes the employees when an org is loaded (~1 s per 100k), so even the
   * first listing of the hot endpoint serves from fragments. Persons, departments and
   * work locations are serialized on first use.
   */
  preRender(store: OrgStore): void {
    for (const stored of store.employees.entries())
      fragmentsOf(stored, EMPLOYEE_SECTIONS);
  }
}
