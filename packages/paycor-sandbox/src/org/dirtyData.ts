import { SandboxInputError } from '../errors';

/**
 * Dirty data a real Paycor tenant carries and a sync must survive. Each share is a
 * fraction in [0, 1]:
 * - `duplicateEmails`: share of employees whose work e-mail repeats another employee's
 *   (half of them differing only in letter case);
 * - `missingEmails`: share of employees without a usable work e-mail;
 * - `unknownDepartments`: share of employees whose `department.id` is in no department
 *   list (a department deleted after they were assigned);
 * - `emptyDepartments`: share of departments with no employees at all.
 *
 * @public
 */
export interface DirtyDataShares {
  duplicateEmails: number;
  missingEmails: number;
  unknownDepartments: number;
  emptyDepartments: number;
}

/** @public */
export const DEFAULT_DIRTY_DATA: Readonly<DirtyDataShares> = {
  duplicateEmails: 0.01,
  missingEmails: 0.02,
  unknownDepartments: 0.005,
  emptyDepartments: 0.05,
};

/** @public */
export const NO_DIRTY_DATA: Readonly<DirtyDataShares> = {
  duplicateEmails: 0,
  missingEmails: 0,
  unknownDepartments: 0,
  emptyDepartments: 0,
};

export function resolveDirtyData(
  overrides: Partial<DirtyDataShares> | undefined,
): DirtyDataShares {
  const shares = { ...DEFAULT_DIRTY_DATA, ...overrides };
  for (const [name, share] of Object.entries(shares)) {
    if (!(share >= 0 && share <= 1)) {
      throw SandboxInputError.forField(
        `dirtyData.${name}`,
        `must be a number within [0, 1], got ${share}`,
      );
    }
  }
  return shares;
}

/**
 * How many of `population` items a share affects. A non-zero share always affects at
 * least one item (when there is one), so even a 200-employee dev org shows every kind of
 * dirt the defaults promise.
 */
export function dirtyCount(share: number, population: number): number {
  if (share <= 0 || population <= 0) return 0;
  return Math.min(population, Math.max(1, Math.round(share * population)));
}
