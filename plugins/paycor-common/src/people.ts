import { z } from 'zod';
import { Exclusion, SyncRun, SyncTrigger } from './api';

/**
 * The People API: everyone in the last good read from Paycor, what the sync
 * did with each of them and why, their history, and the dated changes ahead.
 */

/**
 * What the sync does with one person of the last read from Paycor.
 *
 * @public
 */
export const PERSON_OUTCOMES = [
  /** a User in the catalog (or about to be: see `inCatalog`) */
  'synced',
  /** the hire or rehire date (less `preStartDays`) is still ahead */
  'not-yet-started',
  /** the termination date has come, or a separated status without a date */
  'terminated',
  /** on leave, and `onLeave: exclude` */
  'on-leave',
  /** a status outside `filters.statuses` */
  'status-not-synced',
  /** excluded by an admin (Exclusions tab) or by app-config */
  'excluded',
  /** left out by one of the app-config filters */
  'filtered',
  /** another synced person keeps the work email */
  'duplicate-email',
  /** Paycor's record failed validation and there is no earlier good version */
  'invalid-record',
  /** the User's ref is already defined by another source */
  'owned-by-other-source',
] as const;

/** @public */
export type PersonOutcome = (typeof PERSON_OUTCOMES)[number];

/**
 * A short title per outcome, for tables and filters.
 *
 * @public
 */
export const PERSON_OUTCOME_TITLES: Record<PersonOutcome, string> = {
  synced: 'Synced',
  'not-yet-started': 'Not yet started',
  terminated: 'Terminated',
  'on-leave': 'On leave (excluded)',
  'status-not-synced': 'Status not synced',
  excluded: 'Excluded',
  filtered: 'Filtered out',
  'duplicate-email': 'Duplicate email',
  'invalid-record': 'Invalid record',
  'owned-by-other-source': 'Owned by another source',
};

/**
 * One person of the last read, as `GET …/people` lists them.
 *
 * @public
 */
export interface PersonSummary {
  /** Paycor's employee id (GUID) */
  employeeId: string;
  employeeNumber?: string;
  displayName: string;
  /** work email as Paycor has it */
  email?: string;
  outcome: PersonOutcome;
  /** whether the catalog holds a User of this provider for them now */
  inCatalog: boolean;
  /** their User (present when synced or still in the catalog) */
  entityRef?: string;
}

/** `GET …/people` @public */
export interface PersonList {
  items: PersonSummary[];
  totalCount: number;
  limit: number;
  offset: number;
  /** when the read these people come from finished; absent before the first sync */
  snapshotAt?: string;
}

/**
 * The steps from a Paycor record to the catalog, in order.
 *
 * @public
 */
export type PersonTraceStepName =
  | 'read'
  | 'validated'
  | 'status-and-dates'
  | 'filters-and-exclusions'
  | 'email'
  | 'naming'
  | 'ownership'
  | 'emitted'
  | 'catalog';

/**
 * One step of a person's trace. `pass`: this step let them through; `fail`:
 * something is wrong here (an invalid record, an error in the catalog);
 * `skip`: this step left them out on purpose; `info`: worth knowing, decides
 * nothing.
 *
 * @public
 */
export interface PersonTraceStep {
  step: PersonTraceStepName;
  outcome: 'pass' | 'fail' | 'skip' | 'info';
  /** a sentence a person understands */
  detail: string;
}

/**
 * What one run changed for one person.
 *
 * @public
 */
export type PersonChange =
  | 'added'
  | 'updated'
  | 'renamed'
  | 'removed'
  | 'removal-held'
  | 'skipped';

/** @public */
export interface PersonHistoryEntry {
  runId: string;
  trigger?: SyncTrigger;
  at: string;
  change: PersonChange;
  entityRef?: string;
  /** dotted paths of the User's fields that changed (`updated`) */
  fields?: string[];
  /** a sentence: what happened and why */
  detail: string;
}

/**
 * `GET …/people/:employeeId`: the person, their trace and their history.
 *
 * @public
 */
export interface PersonDetail extends PersonSummary {
  steps: PersonTraceStep[];
  /** newest first, within the configured retention */
  history: PersonHistoryEntry[];
  /** the admin exclusion that applies to them, if any */
  exclusion?: Exclusion;
  /** when the trace was worked out (dates are evaluated for that moment) */
  computedAt: string;
  /** when the read the trace is based on finished */
  snapshotAt: string;
  /** the legal entity's time zone the dates are read in */
  timeZone: string;
}

/**
 * `POST …/people/:employeeId/sync`: the run, and the person as it stands
 * after it.
 *
 * @public
 */
export interface PersonSyncResult {
  run: SyncRun;
  /** the fresh trace; absent when the person is no longer in Paycor's data */
  person?: PersonDetail;
  /** what happened, in a sentence */
  message: string;
  /**
   * Set when Paycor could not serve the one employee (a missing scope, an
   * endpoint it does not have) and a full sync was requested instead.
   */
  fullSyncRequestedAt?: string;
}

/** @public */
export type UpcomingChangeKind = 'hire' | 'rehire' | 'termination';

/**
 * One dated change ahead. `date` is a calendar date in the legal entity's
 * time zone.
 *
 * @public
 */
export interface UpcomingChange {
  employeeId: string;
  displayName: string;
  change: UpcomingChangeKind;
  /** YYYY-MM-DD, in `timeZone` */
  date: string;
  /** `appears`: a User is created that day; `goes`: their User is removed; `none`: nothing changes in the catalog */
  effect: 'appears' | 'goes' | 'none';
  /** why, in a sentence */
  detail: string;
  entityRef?: string;
}

/** `GET …/upcoming` @public */
export interface UpcomingChanges {
  /** by date, then name */
  items: UpcomingChange[];
  totalCount: number;
  /** the first day counted (today in `timeZone`) */
  from: string;
  days: number;
  timeZone: string;
  /** changes whose effect is `appears` */
  joining: number;
  /** changes whose effect is `goes` */
  leaving: number;
  snapshotAt?: string;
}

const searchText = z
  .string()
  .trim()
  .max(200, 'must be at most 200 characters')
  .refine(v => ![...v].some(c => c.charCodeAt(0) < 0x20), {
    message: 'must not contain control characters',
  });

/** `GET …/people` @public */
export const listPeopleQuerySchema = z.strictObject({
  q: searchText.optional(),
  /** one outcome, or several separated by commas */
  outcome: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (!value) return undefined;
      const outcomes = value.split(',').map(t => t.trim());
      for (const outcome of outcomes) {
        if (!(PERSON_OUTCOMES as readonly string[]).includes(outcome)) {
          ctx.addIssue({
            code: 'custom',
            message: `unknown outcome "${outcome}"; expected one of ${PERSON_OUTCOMES.join(
              ', ',
            )}`,
          });
          return z.NEVER;
        }
      }
      return outcomes as PersonOutcome[];
    }),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

/** `GET …/upcoming` @public */
export const upcomingQuerySchema = z.strictObject({
  days: z.coerce.number().int().min(1).max(366).default(30),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
});
