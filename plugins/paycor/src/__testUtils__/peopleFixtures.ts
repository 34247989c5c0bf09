import {
  PersonDetail,
  PersonSummary,
  UpcomingChanges,
} from '@paycor-backstage/plugin-paycor-common';
import { minutesAgo } from './fixtures';

const READ = {
  step: 'read' as const,
  outcome: 'pass' as const,
  detail: 'Read from Paycor at 2024-06-15T11:55:00.000Z (run run-100).',
};
const VALID = {
  step: 'validated' as const,
  outcome: 'pass' as const,
  detail: 'Every field the sync reads is valid.',
};
const ACTIVE = {
  step: 'status-and-dates' as const,
  outcome: 'pass' as const,
  detail:
    'Status Active; hired 2019-03-18. Dates are read in America/New_York, where today is 2024-06-15.',
};
const NO_FILTER = {
  step: 'filters-and-exclusions' as const,
  outcome: 'pass' as const,
  detail: 'No exclusion or filter applies to them.',
};

function person(
  summary: PersonSummary,
  steps: PersonDetail['steps'],
  extra: Partial<PersonDetail> = {},
): PersonDetail {
  return {
    ...summary,
    steps,
    history: [],
    computedAt: minutesAgo(0),
    snapshotAt: minutesAgo(11),
    timeZone: 'America/New_York',
    ...extra,
  };
}

/** People of one connection, one per kind of outcome worth showing. */
export function makePeople(): PersonDetail[] {
  return [
    person(
      {
        employeeId: 'e-2001',
        employeeNumber: '1042',
        displayName: 'Maria Okafor',
        email: 'maria.okafor@acme.example',
        outcome: 'synced',
        inCatalog: true,
        entityRef: 'user:default/maria.okafor',
      },
      [
        READ,
        VALID,
        ACTIVE,
        NO_FILTER,
        {
          step: 'email',
          outcome: 'pass',
          detail:
            'Their work email maria.okafor@acme.example belongs to no one else who is synced.',
        },
        {
          step: 'naming',
          outcome: 'pass',
          detail:
            "Wants the name maria.okafor, from the work email's local part (userNaming: email-local-part).",
        },
        {
          step: 'ownership',
          outcome: 'pass',
          detail: 'No other source defines user:default/maria.okafor.',
        },
        {
          step: 'emitted',
          outcome: 'pass',
          detail:
            'Emitted as user:default/maria.okafor, a member of group:default/platform-team.',
        },
        {
          step: 'catalog',
          outcome: 'pass',
          detail:
            'The catalog serves user:default/maria.okafor, with no processing errors.',
        },
      ],
      {
        history: [
          {
            runId: 'run-100',
            trigger: 'schedule',
            at: minutesAgo(11),
            change: 'updated',
            entityRef: 'user:default/maria.okafor',
            fields: [
              'metadata.annotations.paycor.com/job-title',
              'metadata.description',
            ],
            detail: 'Updated job title.',
          },
          {
            runId: 'run-90',
            trigger: 'schedule',
            at: minutesAgo(60 * 24 * 30),
            change: 'added',
            entityRef: 'user:default/maria.okafor',
            detail: 'Added to the catalog as user:default/maria.okafor.',
          },
        ],
      },
    ),
    person(
      {
        employeeId: 'e-2002',
        employeeNumber: '1043',
        displayName: 'Bo Li',
        email: 'MARIA.OKAFOR@acme.example',
        outcome: 'duplicate-email',
        inCatalog: false,
      },
      [
        READ,
        VALID,
        ACTIVE,
        NO_FILTER,
        {
          step: 'email',
          outcome: 'skip',
          detail:
            'Their work email MARIA.OKAFOR@acme.example is also the work email of Maria Okafor (employee #1042) (user:default/maria.okafor), who keeps it: they already had a User. This person is skipped until one of the two emails changes in Paycor, or the other person is excluded.',
        },
        {
          step: 'emitted',
          outcome: 'skip',
          detail: 'Not emitted: the sync creates no User for them.',
        },
        {
          step: 'catalog',
          outcome: 'skip',
          detail: 'The catalog has no User of this sync for them.',
        },
      ],
      {
        history: [
          {
            runId: 'run-100',
            trigger: 'schedule',
            at: minutesAgo(11),
            change: 'skipped',
            detail: 'Not synced: duplicate email.',
          },
        ],
      },
    ),
    person(
      {
        employeeId: 'e-2003',
        employeeNumber: '1044',
        displayName: 'Sam Contractor',
        email: 'sam@acme.example',
        outcome: 'excluded',
        inCatalog: false,
      },
      [
        READ,
        VALID,
        ACTIVE,
        {
          step: 'filters-and-exclusions',
          outcome: 'skip',
          detail:
            'Excluded by user:default/jane on 2024-06-01T09:00:00.000Z ("contractor"): the Exclusions tab lists their employee id e-2003. Remove the exclusion to sync them again.',
        },
        {
          step: 'emitted',
          outcome: 'skip',
          detail: 'Not emitted: the sync creates no User for them.',
        },
        {
          step: 'catalog',
          outcome: 'skip',
          detail: 'The catalog has no User of this sync for them.',
        },
      ],
      {
        exclusion: {
          id: 'x-1',
          kind: 'employee-id',
          value: 'e-2003',
          note: 'contractor',
          createdBy: 'user:default/jane',
          createdAt: '2024-06-01T09:00:00.000Z',
        },
      },
    ),
    person(
      {
        employeeId: 'e-2004',
        employeeNumber: '1045',
        displayName: 'Hana Newhire',
        email: 'hana.newhire@acme.example',
        outcome: 'not-yet-started',
        inCatalog: false,
      },
      [
        READ,
        VALID,
        {
          step: 'status-and-dates',
          outcome: 'skip',
          detail:
            'Hired 2024-06-20: they appear on 2024-06-20 (in America/New_York, where today is 2024-06-15).',
        },
        {
          step: 'emitted',
          outcome: 'skip',
          detail: 'Not emitted: the sync creates no User for them.',
        },
        {
          step: 'catalog',
          outcome: 'skip',
          detail: 'The catalog has no User of this sync for them.',
        },
      ],
    ),
  ];
}

export function makeUpcoming(
  overrides: Partial<UpcomingChanges> = {},
): UpcomingChanges {
  return {
    items: [
      {
        employeeId: 'e-2004',
        displayName: 'Hana Newhire',
        change: 'hire',
        date: '2024-06-20',
        effect: 'appears',
        detail: 'A User appears on 2024-06-20.',
      },
      {
        employeeId: 'e-2005',
        displayName: 'Leo Leaver',
        change: 'termination',
        date: '2024-06-30',
        effect: 'goes',
        detail: 'Their User is removed at 00:00 on 2024-06-30.',
        entityRef: 'user:default/leo.leaver',
      },
    ],
    totalCount: 2,
    from: '2024-06-15',
    days: 30,
    timeZone: 'America/New_York',
    joining: 1,
    leaving: 1,
    ...overrides,
  };
}

/** A detail's list entry. */
export function summaryOf(detail: PersonDetail): PersonSummary {
  const summary: PersonSummary = {
    employeeId: detail.employeeId,
    displayName: detail.displayName,
    outcome: detail.outcome,
    inCatalog: detail.inCatalog,
  };
  if (detail.employeeNumber) summary.employeeNumber = detail.employeeNumber;
  if (detail.email) summary.email = detail.email;
  if (detail.entityRef) summary.entityRef = detail.entityRef;
  return summary;
}
