import type { Employee } from '../paycor/types';
import { dirtyCount, type DirtyDataShares } from './dirtyData';
import type { IdMinter } from './idMinter';
import type { SeededRandom } from './random';
import { departmentReference } from './records';

/**
 * The three ways a missing work e-mail shows up in HR data. Which one Paycor uses is
 * undocumented, so the generator uses all three and a client must cope with each.
 */
const MISSING_EMAIL_VARIANTS: readonly ((e: Employee) => Employee['email'])[] =
  [
    () => null,
    () => ({ type: 'Work', emailAddress: null }),
    () => ({ type: 'Work', emailAddress: '' }),
  ];

/** "Maria.Okafor@Example.com" for "maria.okafor@example.com". */
function caseVariant(address: string): string {
  return address.replace(
    /(^|[.@-])([a-z])/g,
    (_, sep: string, letter: string) => sep + letter.toUpperCase(),
  );
}

/**
 * Spoils a generated employee list in place with the configured dirty-data shares.
 * Runs after the org is consistent, so each kind of dirt is the only anomaly on the
 * records it touches.
 */
export function applyDirtyEmployees(options: {
  random: SeededRandom;
  ids: IdMinter;
  employees: Employee[];
  shares: DirtyDataShares;
  legalEntityId: number;
}): void {
  const { random, ids, employees, shares, legalEntityId } = options;
  const indexes = employees.map((_, i) => i);

  const missing = random.sample(
    indexes,
    dirtyCount(shares.missingEmails, employees.length),
  );
  missing.forEach((i, n) => {
    employees[i].email = MISSING_EMAIL_VARIANTS[
      n % MISSING_EMAIL_VARIANTS.length
    ](employees[i]);
  });

  const missingSet = new Set(missing);
  const withEmail = indexes.filter(i => !missingSet.has(i));
  if (withEmail.length >= 2) {
    const duplicates = random.sample(
      withEmail,
      dirtyCount(shares.duplicateEmails, employees.length),
    );
    const duplicateSet = new Set(duplicates);
    const sources = withEmail.filter(i => !duplicateSet.has(i));
    duplicates.forEach((i, n) => {
      const source =
        employees[
          random.pick(sources.length ? sources : withEmail.filter(j => j !== i))
        ];
      const address = source.email!.emailAddress!;
      employees[i].email = {
        type: 'Work',
        emailAddress: n % 2 === 0 ? address : caseVariant(address),
      };
    });
  }

  // Employees still pointing at departments that were deleted after they were assigned.
  // The CEO (index of the employee without a manager) keeps a real department.
  const candidates = indexes.filter(i => employees[i].positionData?.manager);
  const strays = random.sample(
    candidates,
    dirtyCount(shares.unknownDepartments, employees.length),
  );
  const ghostDepartments = Array.from(
    { length: Math.ceil(strays.length / 4) },
    () => ids.next(),
  );
  strays.forEach((i, n) => {
    employees[i].department = departmentReference(
      legalEntityId,
      ghostDepartments[n % ghostDepartments.length],
    );
  });
}
