import {
  Exclusion,
  PersonOutcome,
  PersonTraceStep,
} from '@paycor-backstage/plugin-paycor-common';
import { PaycorProviderConfig } from '../config/types';
import { describePerson } from './conflictMessages';
import {
  createCalendar,
  datingDay,
  explainEmployment,
  resolveTimeZone,
  statusPolicy,
} from './dating';
import { DepartmentTree } from './departmentTree';
import { duplicateEmailWinnerReason } from './duplicateEmails';
import { PreparedEmployee, PreparedEmployees } from './employees';
import {
  createDepartmentFilter,
  createEmployeeFilterRule,
  describeFilterRule,
  FILTER_RULE_VERDICTS,
  matchingExclusion,
} from './filters';
import { chooseUserName, describeUserNameChoice } from './naming';
import { People } from './people';
import { userRef } from './refs';
import {
  ExclusionRule,
  InvalidRecord,
  PaycorLegalEntityRecord,
  SkipReason,
} from './types';
import { nonBlank } from './util';

/** The outcome the People list shows for each reason the transform skips someone. */
export const SKIP_OUTCOMES: Readonly<Record<SkipReason, PersonOutcome>> = {
  'not-yet-hired': 'not-yet-started',
  terminated: 'terminated',
  status: 'status-not-synced',
  'on-leave': 'on-leave',
  filtered: 'filtered',
  excluded: 'excluded',
  invalid: 'invalid-record',
  'duplicate-email': 'duplicate-email',
};

/**
 * A person's outcome as the transform decided it: skipped for a reason,
 * synced, or synced under a ref another source already defines.
 */
export function outcomeOf(
  people: Pick<People, 'skipReasons' | 'userNames'>,
  employeeId: string,
  isForeign: (ref: string) => boolean,
  namespace: string,
): { outcome: PersonOutcome; ref?: string } | undefined {
  const reason = people.skipReasons.get(employeeId);
  if (reason) return { outcome: SKIP_OUTCOMES[reason] };
  const name = people.userNames.get(employeeId);
  if (name === undefined) return undefined;
  const ref = userRef(namespace, name);
  return { outcome: isForeign(ref) ? 'owned-by-other-source' : 'synced', ref };
}

/** An admin exclusion as stored (who and when), or as a plan sees it. */
export type TracedExclusion = ExclusionRule & Partial<Exclusion>;

export interface PersonTraceInput {
  employeeId: string;
  /** the snapshot the people stage ran on */
  snapshot: {
    employees: PreparedEmployees;
    invalid: readonly InvalidRecord[];
    tree: DepartmentTree;
    legalEntity: PaycorLegalEntityRecord;
    fetchedAt: string;
    /** the run that read it */
    readBy: string;
    /** people re-read alone since ("Sync now" on a person) */
    personReads?: Readonly<Record<string, { at: string; runId: string }>>;
  };
  config: PaycorProviderConfig;
  /** an admin's exclusions */
  exclusions: readonly TracedExclusion[];
  /** the people stage's result for that snapshot, exclusions and day */
  people: People;
  /** who had a User before the run (they keep a shared email) */
  previousUserNames: ReadonlyMap<string, string>;
  /** which refs another source defines (their location key) */
  foreignOwner: (ref: string) => string | undefined;
  now: Date;
}

export interface PersonTrace {
  outcome: PersonOutcome;
  steps: PersonTraceStep[];
  /** the User's ref, when the transform gave them a name */
  entityRef?: string;
  /** the admin exclusion that took them out */
  exclusion?: TracedExclusion;
}

/**
 * The steps from one person's Paycor record to the entity the transform
 * emits, each with its outcome and a sentence: read, validated, status and
 * dates, filters and exclusions, email, naming, ownership. Every decision is
 * the transform's own: the per-person checks call the functions the people
 * stage calls (dating, filters, exclusions), and what depends on everyone
 * (who keeps a shared email, who keeps a name) is read from the people
 * stage's result. Undefined when the snapshot has no such person.
 */
export function tracePerson(input: PersonTraceInput): PersonTrace | undefined {
  const { employeeId, snapshot, config, people } = input;
  const prepared = snapshot.employees.get(employeeId);
  const invalid = snapshot.invalid.find(
    r => r.resource === 'employee' && r.id === employeeId,
  );
  if (!prepared && !invalid) return undefined;
  const steps: PersonTraceStep[] = [];
  const namespace = config.namespace || 'default';

  const personRead = snapshot.personReads?.[employeeId];
  steps.push({
    step: 'read',
    outcome: 'pass',
    detail: personRead
      ? `Re-read alone from Paycor at ${personRead.at} (run ${personRead.runId}); everyone else comes from the read of ${snapshot.fetchedAt} (run ${snapshot.readBy}).`
      : `Read from Paycor at ${snapshot.fetchedAt} (run ${snapshot.readBy}).`,
  });

  if (!prepared) {
    steps.push({
      step: 'validated',
      outcome: 'fail',
      detail: `Paycor's record failed validation: ${describeIssues(
        invalid!,
      )}. No earlier good version of it is kept, so they are not synced until the record is fixed in Paycor.`,
    });
    return { outcome: 'invalid-record', steps };
  }
  const { employee } = prepared;
  steps.push(
    employee.staleSince !== undefined
      ? {
          step: 'validated',
          outcome: 'info',
          detail: `Paycor's current record failed validation${
            invalid ? ` (${describeIssues(invalid)})` : ''
          }; the last good version, read ${
            employee.staleSince
          }, is used until the record is fixed in Paycor.`,
        }
      : {
          step: 'validated',
          outcome: 'pass',
          detail: 'Every field the sync reads is valid.',
        },
  );

  const calendar = createCalendar(
    resolveTimeZone(config.timeZone, snapshot.legalEntity.timeZone),
  );
  const policy = statusPolicy(config);
  const employment = explainEmployment({
    dates: prepared,
    rawStatus: employee.status,
    day: datingDay(calendar, policy, input.now.getTime()),
    policy,
    calendar,
  });
  steps.push({
    step: 'status-and-dates',
    outcome: employment.reason ? 'skip' : 'pass',
    detail: employment.detail,
  });
  if (employment.reason) {
    return { outcome: SKIP_OUTCOMES[employment.reason], steps };
  }

  // The people stage's order: config's excludes, an admin's, then filters.
  const rule = createEmployeeFilterRule(
    config.filters ?? {},
    [],
    createDepartmentFilter(config.filters?.departments, snapshot.tree),
    snapshot.tree,
  )(employee, prepared.emailKey);
  const departmentName = departmentLabel(snapshot.tree, employee.departmentId);
  if (rule && FILTER_RULE_VERDICTS[rule] === 'excluded') {
    steps.push({
      step: 'filters-and-exclusions',
      outcome: 'skip',
      detail: `Excluded: ${describeFilterRule(rule, employee, config.filters)}`,
    });
    return { outcome: 'excluded', steps };
  }
  const exclusion = matchingExclusion(
    input.exclusions,
    employee,
    prepared.emailKey,
  );
  if (exclusion) {
    steps.push({
      step: 'filters-and-exclusions',
      outcome: 'skip',
      detail: describeExclusion(exclusion),
    });
    return { outcome: 'excluded', steps, exclusion };
  }
  if (rule) {
    steps.push({
      step: 'filters-and-exclusions',
      outcome: 'skip',
      detail: `Filtered out: ${describeFilterRule(
        rule,
        employee,
        config.filters,
        departmentName,
      )}`,
    });
    return { outcome: 'filtered', steps };
  }
  steps.push({
    step: 'filters-and-exclusions',
    outcome: 'pass',
    detail: 'No exclusion or filter applies to them.',
  });

  const email = nonBlank(employee.email);
  const duplicate = people.duplicates.get(employeeId);
  if (duplicate) {
    const owner = snapshot.employees.get(duplicate.ownerId);
    const ownerName = people.userNames.get(duplicate.ownerId);
    steps.push({
      step: 'email',
      outcome: 'skip',
      detail: `Their work email ${duplicate.email} is also the work email of ${
        owner ? describePerson(owner.employee) : duplicate.ownerId
      }${
        ownerName ? ` (${userRef(namespace, ownerName)})` : ''
      }, who keeps it: ${
        owner
          ? duplicateEmailWinnerReason({
              owner,
              other: prepared,
              ownerHadUser: input.previousUserNames.has(duplicate.ownerId),
              otherHadUser: input.previousUserNames.has(employeeId),
            })
          : 'they rank first'
      }. This person is skipped until one of the two emails changes in Paycor, or the other person is excluded.`,
    });
    return { outcome: 'duplicate-email', steps };
  }
  const others = [...people.duplicates]
    .filter(([, d]) => d.ownerId === employeeId)
    .map(([id]) => snapshot.employees.get(id));
  if (email === undefined) {
    steps.push({
      step: 'email',
      outcome: 'info',
      detail:
        'No work email in Paycor: the User is created without one (a missing-email conflict), and sign-in by email cannot find them. Add it in Paycor.',
    });
  } else if (others.length > 0) {
    steps.push({
      step: 'email',
      outcome: 'info',
      detail: `Their work email ${email} is also the work email of ${others
        .map(o => (o ? describePerson(o.employee) : 'someone'))
        .join(', ')}; this person keeps it and the other${
        others.length === 1 ? ' is' : 's are'
      } skipped.`,
    });
  } else {
    steps.push({
      step: 'email',
      outcome: 'pass',
      detail: `Their work email ${email} belongs to no one else who is synced.`,
    });
  }

  const given = people.userNames.get(employeeId);
  if (given === undefined) {
    // Cannot happen: everyone the checks above pass is named.
    throw new Error(`The people stage gave employee ${employeeId} no name`);
  }
  const ref = userRef(namespace, given);
  const choice = chooseUserName(employee, config.userNaming);
  steps.push(namingStep(input, prepared, choice, given));

  const owner = input.foreignOwner(ref);
  if (owner !== undefined) {
    steps.push({
      step: 'ownership',
      outcome: 'fail',
      detail: `${ref} is already defined by ${owner} (a catalog-info.yaml or another provider), so the sync leaves it to that source and emits nothing for them. Remove the other definition, or change userNaming.`,
    });
    return { outcome: 'owned-by-other-source', steps, entityRef: ref };
  }
  steps.push({
    step: 'ownership',
    outcome: 'pass',
    detail: `No other source defines ${ref}.`,
  });
  return { outcome: 'synced', steps, entityRef: ref };
}

function namingStep(
  input: PersonTraceInput,
  prepared: PreparedEmployee,
  choice: ReturnType<typeof chooseUserName>,
  given: string,
): PersonTraceStep {
  const { people, snapshot, config } = input;
  const id = prepared.employee.id;
  const wanted = describeUserNameChoice(choice, config.userNaming);
  const lost = people.collisions.find(c => c.id === id);
  if (lost) {
    const winner = lost.winnerId
      ? snapshot.employees.get(lost.winnerId)
      : undefined;
    const winnerKept =
      lost.winnerId !== undefined &&
      input.previousUserNames.get(lost.winnerId)?.toLowerCase() ===
        lost.wanted.toLowerCase();
    return {
      step: 'naming',
      outcome: 'info',
      detail: `${wanted} ${
        winner ? describePerson(winner.employee) : 'Someone else'
      } wants it too and keeps it (${
        winnerKept
          ? 'they held it last run: a newcomer never takes an existing name'
          : 'they rank first: earliest start date, then lowest id'
      }), so this person is named ${given}.`,
    };
  }
  const beaten = people.collisions.filter(c => c.winnerId === id);
  if (beaten.length > 0) {
    return {
      step: 'naming',
      outcome: 'info',
      detail: `${wanted} ${beaten.length} other${
        beaten.length === 1 ? ' person wants' : ' people want'
      } it too; this person keeps it and the others get a suffixed name.`,
    };
  }
  return { step: 'naming', outcome: 'pass', detail: wanted };
}

function describeExclusion(exclusion: TracedExclusion): string {
  const by = exclusion.createdBy ? ` by ${exclusion.createdBy}` : '';
  const when = exclusion.createdAt ? ` on ${exclusion.createdAt}` : '';
  const note = exclusion.note ? ` ("${exclusion.note}")` : '';
  return `Excluded${by}${when}${note}: the Exclusions tab lists their ${
    exclusion.kind === 'email' ? 'work email' : 'employee id'
  } ${exclusion.value}. Remove the exclusion to sync them again.`;
}

function describeIssues(record: InvalidRecord): string {
  return record.issues.map(i => `${i.path}: ${i.message}`).join('; ');
}

function departmentLabel(
  tree: DepartmentTree,
  departmentId: string | undefined,
): string | undefined {
  const id = nonBlank(departmentId);
  const department = id !== undefined ? tree.get(id) : undefined;
  if (!department) return undefined;
  const name = nonBlank(department.description) ?? department.id;
  const code = nonBlank(department.code);
  return code ? `"${name}" (code ${code})` : `"${name}"`;
}
