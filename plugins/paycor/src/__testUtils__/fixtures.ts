import {
  AdminGroup,
  Approval,
  Conflict,
  DepartmentList,
  Exclusion,
  PreviewResult,
  ProviderStatus,
  SyncRun,
  SyncRunCounts,
  VerifyResult,
} from '@paycor-backstage/plugin-paycor-common';

/**
 * Realistic data for tests and the dev harness: two legal entities, a
 * department tree with a re-homed department and an override problem, a held
 * run waiting for approval, and conflicts of several types.
 */

const MINUTE = 60 * 1000;

/** ISO time `minutes` ago (negative: in the future). */
export function minutesAgo(minutes: number, now = Date.now()): string {
  return new Date(now - minutes * MINUTE).toISOString();
}

export function makeCounts(
  overrides: Partial<SyncRunCounts> = {},
): SyncRunCounts {
  return {
    fetchedEmployees: 412,
    fetchedDepartments: 18,
    users: 397,
    groups: 16,
    added: 2,
    updated: 11,
    removed: 1,
    skipped: 15,
    held: 0,
    ...overrides,
  };
}

export function makeRun(overrides: Partial<SyncRun> = {}): SyncRun {
  return {
    id: 'run-100',
    providerId: 'acme',
    trigger: 'schedule',
    status: 'succeeded',
    startedAt: minutesAgo(12),
    finishedAt: minutesAgo(11),
    durationMs: 48_500,
    counts: makeCounts(),
    apiCalls: 5,
    mutation: 'full',
    skippedByReason: { filtered: 9, excluded: 2, 'not-yet-hired': 4 },
    ...overrides,
  };
}

export function makeProvider(
  overrides: Partial<ProviderStatus> = {},
): ProviderStatus {
  return {
    id: 'acme',
    enabled: true,
    health: 'healthy',
    healthReason: 'The last run succeeded 12 minutes ago.',
    legalEntity: { id: 100200, name: 'Acme Corp' },
    environment: 'production',
    baseUrl: 'https://apis.paycor.com',
    schedule: { frequency: 'PT1H', timeout: 'PT15M' },
    running: false,
    lastRun: makeRun(),
    lastSuccessAt: minutesAgo(11),
    nextRunAt: minutesAgo(-48),
    entityCounts: { users: 397, groups: 16 },
    openConflicts: 0,
    ...overrides,
  };
}

/** Two connections: one degraded with a held run, one failing. */
export function makeProviders(): ProviderStatus[] {
  return [
    makeProvider({
      health: 'awaiting-approval',
      healthReason:
        'A run that would remove 41 of 397 users (10.3%) is held for approval.',
      lastRun: makeRun({
        id: 'run-103',
        status: 'held',
        startedAt: minutesAgo(9),
        finishedAt: minutesAgo(8),
        counts: makeCounts({ removed: 0, held: 41 }),
      }),
      openConflicts: 4,
      pendingApproval: {
        runId: 'run-103',
        removals: 41,
        createdAt: minutesAgo(8),
      },
    }),
    makeProvider({
      id: 'acme-canada',
      health: 'failing',
      healthReason:
        'The last 3 runs failed; the catalog keeps the data of the last good sync.',
      legalEntity: { id: 100300, name: 'Acme Canada Ltd' },
      environment: 'sandbox',
      baseUrl: 'https://apis-sandbox.paycor.com',
      schedule: { frequency: 'PT1H', timeout: 'PT15M' },
      lastRun: makeRun({
        id: 'run-ca-20',
        providerId: 'acme-canada',
        status: 'failed',
        startedAt: minutesAgo(30),
        finishedAt: minutesAgo(30),
        durationMs: 1_200,
        counts: makeCounts({
          fetchedEmployees: 0,
          fetchedDepartments: 0,
          users: 0,
          groups: 0,
          added: 0,
          updated: 0,
          removed: 0,
          skipped: 0,
        }),
        mutation: 'none',
        error: {
          name: 'PaycorAuthError',
          message:
            'Paycor refused the refresh token (invalid_grant); reconnect the application.',
        },
      }),
      lastSuccessAt: minutesAgo(60 * 26),
      nextRunAt: minutesAgo(-30),
      entityCounts: { users: 58, groups: 6 },
      openConflicts: 0,
    }),
  ];
}

export function makeRuns(providerId = 'acme'): SyncRun[] {
  return [
    makeRun({
      id: 'run-103',
      providerId,
      status: 'held',
      trigger: 'schedule',
      startedAt: minutesAgo(9),
      finishedAt: minutesAgo(8),
      counts: makeCounts({ removed: 0, held: 41 }),
    }),
    makeRun({
      id: 'run-102',
      providerId,
      trigger: 'reapply',
      startedAt: minutesAgo(40),
      finishedAt: minutesAgo(40),
      durationMs: 640,
      apiCalls: 0,
      mutation: 'delta',
      counts: makeCounts({ added: 0, updated: 3, removed: 0 }),
    }),
    makeRun({
      id: 'run-101',
      providerId,
      trigger: 'manual',
      status: 'failed',
      startedAt: minutesAgo(75),
      finishedAt: minutesAgo(74),
      durationMs: 21_000,
      mutation: 'none',
      counts: makeCounts({ added: 0, updated: 0, removed: 0 }),
      error: {
        name: 'PaycorRateLimitError',
        message: 'Paycor answered 429 three times; try again in 60 seconds.',
      },
    }),
    makeRun({
      id: 'run-100',
      providerId,
      startedAt: minutesAgo(130),
      finishedAt: minutesAgo(129),
    }),
  ];
}

export function makeConflict(overrides: Partial<Conflict> = {}): Conflict {
  return {
    id: 'c-1',
    providerId: 'acme',
    type: 'duplicate-email',
    subject: { kind: 'employee', id: 'e-2001', label: 'Maria Okafor (#1042)' },
    entityRef: 'user:default/maria.okafor',
    message:
      'Maria Okafor (#1042) and Mario Okafor (#1187) share maria.okafor@acme.example; only #1042 was synced.',
    resolution: 'Correct the work email of one of them in Paycor.',
    status: 'open',
    firstSeenAt: minutesAgo(60 * 24 * 3),
    lastSeenAt: minutesAgo(9),
    occurrences: 72,
    ...overrides,
  };
}

export function makeConflicts(): Conflict[] {
  return [
    makeConflict(),
    makeConflict({
      id: 'c-2',
      type: 'invalid-record',
      subject: { kind: 'employee', id: 'e-3310', label: 'Employee #3310' },
      entityRef: undefined,
      message: 'employees[212].workEmail: "jdoe@" is not an email address.',
      resolution:
        'Fix the work email in Paycor; the person is skipped until then.',
      occurrences: 3,
      firstSeenAt: minutesAgo(180),
    }),
    makeConflict({
      id: 'c-3',
      type: 'rehome-target-missing',
      subject: { kind: 'department', id: 'd-sales', label: 'Sales' },
      entityRef: 'group:default/sales',
      message:
        'Sales is re-homed under group:default/emea-division, which is not in the catalog; it kept its Paycor parent.',
      resolution:
        'Create group:default/emea-division or re-home Sales elsewhere in Paycor sync → Departments.',
      occurrences: 5,
    }),
    makeConflict({
      id: 'c-4',
      type: 'owned-by-other-source',
      subject: { kind: 'entity', id: 'group:default/platform' },
      entityRef: 'group:default/platform',
      message:
        'group:default/platform is already defined in a catalog-info.yaml; the Paycor department Platform was not emitted.',
      resolution:
        'Remove the hand-written Group or rename one of them (naming strategy).',
      occurrences: 12,
    }),
    makeConflict({
      id: 'c-5',
      type: 'name-collision',
      status: 'resolved',
      subject: { kind: 'employee', id: 'e-1200', label: 'Alex Kim (#1200)' },
      entityRef: 'user:default/alex.kim-2',
      message: 'Two employees map to alex.kim; #1200 became alex.kim-2.',
      resolution: 'Nothing to do; the suffix is stable.',
      resolvedAt: minutesAgo(60 * 5),
      occurrences: 40,
    }),
  ];
}

/**
 * The Departments list as the server sends it: items by name, and the tree
 * (`treeOrder`, `depth`, `treeParentId`) it draws: Marketing and Sales under
 * acme-corp, Engineering (re-homed) with Platform under
 * product-engineering, Finance without a Group last.
 */
export function makeDepartments(): DepartmentList {
  return {
    snapshotAt: minutesAgo(9),
    items: [
      {
        id: 'd-eng',
        code: 'ENG',
        name: 'Engineering',
        level: 2,
        paycorParentRef: 'group:default/acme-corp',
        override: {
          parent: 'group:default/product-engineering',
          note: 'Two-tier org: divisions above departments',
          setBy: 'user:default/jane.admin',
          setAt: minutesAgo(60 * 24 * 6),
          source: 'api',
        },
        effectiveParentRef: 'group:default/product-engineering',
        entityRef: 'group:default/engineering',
        memberCount: 120,
        state: 'synced',
        depth: 0,
      },
      {
        id: 'd-fin',
        code: 'FIN',
        name: 'Finance',
        level: 2,
        paycorParentRef: 'group:default/acme-corp',
        memberCount: 0,
        state: 'empty',
        depth: 0,
      },
      {
        id: 'd-mkt',
        code: 'MKT',
        name: 'Marketing',
        level: 2,
        paycorParentRef: 'group:default/acme-corp',
        effectiveParentRef: 'group:default/acme-corp',
        entityRef: 'group:default/marketing',
        memberCount: 21,
        state: 'synced',
        depth: 0,
      },
      {
        id: 'd-plat',
        code: 'PLAT',
        name: 'Platform',
        level: 3,
        paycorParentId: 'd-eng',
        paycorParentRef: 'group:default/engineering',
        effectiveParentRef: 'group:default/engineering',
        entityRef: 'group:default/platform-team',
        memberCount: 34,
        state: 'synced',
        depth: 1,
        treeParentId: 'd-eng',
      },
      {
        id: 'd-sales',
        code: 'SAL',
        name: 'Sales',
        level: 2,
        paycorParentRef: 'group:default/acme-corp',
        override: {
          parent: 'group:default/emea-division',
          setBy: 'user:default/jane.admin',
          setAt: minutesAgo(60 * 24 * 2),
          source: 'api',
        },
        effectiveParentRef: 'group:default/acme-corp',
        entityRef: 'group:default/sales',
        memberCount: 58,
        state: 'synced',
        overrideProblem: 'target-missing',
        depth: 0,
      },
    ],
    treeOrder: ['d-mkt', 'd-sales', 'd-eng', 'd-plat', 'd-fin'],
  };
}

export function makeAdminGroups(): AdminGroup[] {
  return [
    {
      name: 'operations',
      title: 'Operations',
      description: 'Division above Finance and Facilities',
      type: 'division',
      entityRef: 'group:default/operations',
      createdBy: 'user:default/jane.admin',
      createdAt: minutesAgo(60 * 24 * 10),
    },
  ];
}

export function makeApprovals(): Approval[] {
  return [
    {
      runId: 'run-090',
      providerId: 'acme',
      status: 'rejected',
      createdAt: minutesAgo(60 * 24 * 20),
      userCount: 390,
      removalCount: 390,
      thresholdPercent: 10,
      reason: 'The run would leave the organization empty.',
      removals: [],
      decidedBy: 'user:default/jane.admin',
      decidedAt: minutesAgo(60 * 24 * 20 - 15),
      note: 'Filter typo in app-config; fixed.',
    },
    {
      runId: 'run-103',
      providerId: 'acme',
      status: 'pending',
      createdAt: minutesAgo(8),
      userCount: 397,
      removalCount: 41,
      thresholdPercent: 10,
      reason: 'The run would remove 41 of 397 users (10.3%), above 10%.',
      removals: [
        {
          entityRef: 'user:default/tom.ridley',
          kind: 'User',
          displayName: 'Tom Ridley',
          employeeId: 'e-1301',
          departmentId: 'd-sales',
        },
        {
          entityRef: 'user:default/ana.souza',
          kind: 'User',
          displayName: 'Ana Souza',
          employeeId: 'e-1302',
          departmentId: 'd-sales',
        },
        {
          entityRef: 'group:default/field-sales',
          kind: 'Group',
          displayName: 'Field Sales',
          departmentId: 'd-fs',
        },
      ],
    },
  ];
}

export function makeExclusions(): Exclusion[] {
  return [
    {
      id: 'x-1',
      kind: 'email',
      value: 'ceo@acme.example',
      note: 'Board member, not in engineering tools',
      createdBy: 'user:default/jane.admin',
      createdAt: minutesAgo(60 * 24 * 30),
    },
    {
      id: 'x-2',
      kind: 'employee-id',
      value: 'e-4410',
      createdBy: 'user:default/jane.admin',
      createdAt: minutesAgo(60 * 24 * 2),
    },
  ];
}

export function makePreview(): PreviewResult {
  return {
    generatedAt: minutesAgo(0),
    counts: makeCounts({ added: 2, updated: 2, removed: 41, held: 41 }),
    added: [
      {
        entityRef: 'user:default/lena.park',
        kind: 'User',
        displayName: 'Lena Park',
      },
      { entityRef: 'group:default/data', kind: 'Group', displayName: 'Data' },
    ],
    updated: [
      {
        entityRef: 'user:default/maria.okafor',
        kind: 'User',
        displayName: 'Maria Okafor',
        fields: [
          'spec.profile.displayName',
          'metadata.annotations.paycor.com/job-title',
        ],
      },
      {
        entityRef: 'group:default/engineering',
        kind: 'Group',
        displayName: 'Engineering',
        fields: ['spec.children'],
      },
    ],
    removed: [
      {
        entityRef: 'user:default/tom.ridley',
        kind: 'User',
        displayName: 'Tom Ridley',
      },
    ],
    wouldHold: true,
    conflicts: [
      {
        type: 'duplicate-email',
        subject: {
          kind: 'employee',
          id: 'e-2001',
          label: 'Maria Okafor (#1042)',
        },
        entityRef: 'user:default/maria.okafor',
        message:
          'Maria Okafor and Mario Okafor share maria.okafor@acme.example.',
      },
    ],
    limit: 200,
  };
}

export function makeVerifyResult(ok = true): VerifyResult {
  return ok
    ? {
        ok: true,
        checkedAt: minutesAgo(0),
        legalEntity: { id: 100200, name: 'Acme Corp' },
        steps: [
          { name: 'Token refresh', ok: true },
          { name: 'Legal entity', ok: true, detail: 'Acme Corp' },
          { name: 'Employees', ok: true },
          { name: 'Departments', ok: true },
        ],
        missingScopes: [],
      }
    : {
        ok: false,
        checkedAt: minutesAgo(0),
        legalEntity: { id: 100200, name: 'Acme Corp' },
        steps: [
          { name: 'Token refresh', ok: true },
          { name: 'Legal entity', ok: true },
          {
            name: 'Employees',
            ok: false,
            detail:
              'Paycor answered 403 for /v1/legalentities/100200/employees',
          },
        ],
        missingScopes: [
          {
            scope: 'View Legal Entity Employees Position',
            neededFor: 'job titles and managers',
          },
          {
            scope: 'View Person Email',
            neededFor: 'work emails (User profiles and sign-in)',
          },
        ],
      };
}
