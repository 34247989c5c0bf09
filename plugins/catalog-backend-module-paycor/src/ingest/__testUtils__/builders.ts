import { PaycorProviderConfig } from '../../config/types';
import {
  AdminGroupDefinition,
  DepartmentOverride,
  ExclusionRule,
  ExternalGroups,
  PaycorDepartmentRecord,
  PaycorEmployeeRecord,
  PaycorSnapshot,
  PreviousEmission,
  TransformInput,
} from '../types';

/** Mirrors what `readProviderConfigs` produces for a minimal config block. */
export function makeConfig(
  overrides: Partial<PaycorProviderConfig> = {},
): PaycorProviderConfig {
  return {
    id: 'acme',
    environment: 'sandbox',
    baseUrl: 'https://apis-sandbox.paycor.com',
    legalEntityId: 501123,
    clientId: 'client-id',
    clientSecret: 'client-secret',
    subscriptionKey: 'subscription-key',
    refreshToken: 'refresh-token',
    enabled: true,
    schedule: { frequency: { hours: 1 }, timeout: { minutes: 15 } },
    namespace: 'default',
    organization: {},
    userNaming: 'email-local-part',
    groupNaming: { strategy: 'name', prefix: '' },
    filters: {},
    onLeave: 'include',
    preStartDays: 0,
    emptyDepartments: 'skip',
    fieldMapping: { annotations: {}, labels: {} },
    departmentParents: {},
    reportingLines: { enabled: true, departmentHeads: {} },
    removalGuard: { maxRemovalPercent: 10, ownedEntities: 'hold' },
    history: { retentionDays: 90 },
    notifications: { recipients: [] },
    events: { enabled: false, secretHeader: 'authorization' },
    request: { timeoutMs: 30_000, maxRetries: 4, maxCallsPerMinute: 900 },
    ...overrides,
  };
}

let employeeCounter = 0;

/**
 * An Active, Regular employee hired in 2020 with a work email. Without an
 * `id`, ids count up per test file (`e0001`, …).
 */
export function makeEmployee(
  overrides: Partial<PaycorEmployeeRecord> = {},
): PaycorEmployeeRecord {
  employeeCounter += 1;
  const n = String(employeeCounter).padStart(4, '0');
  const firstName = overrides.firstName ?? 'Test';
  const lastName = overrides.lastName ?? `Person${n}`;
  return {
    id: `e${n}`,
    employeeNumber: String(1000 + employeeCounter),
    firstName,
    lastName,
    email: `${firstName}.${lastName}@example.com`.toLowerCase(),
    status: 'Active',
    employmentType: 'Regular',
    hireDate: '2020-01-06T00:00:00Z',
    ...overrides,
  };
}

export function makeDepartment(
  overrides: Partial<PaycorDepartmentRecord> & { id: string },
): PaycorDepartmentRecord {
  return {
    code: overrides.id.replace(/\D/g, '') || undefined,
    description: `Department ${overrides.id}`,
    level: 2,
    payrollId: 'payroll-1',
    ...overrides,
  };
}

export function makeSnapshot(
  overrides: Partial<PaycorSnapshot> = {},
): PaycorSnapshot {
  return {
    fetchedAt: '2024-06-15T11:55:00.000Z',
    legalEntity: {
      id: 501123,
      name: 'Acme Corp',
      timeZone: 'America/New_York',
    },
    departments: [],
    employees: [],
    invalid: [],
    ...overrides,
  };
}

export const DEFAULT_NOW = new Date('2024-06-15T12:00:00.000Z');

export function makeExternal(
  parents: Record<string, string | undefined> = {},
): ExternalGroups {
  const p = new Map<string, string>();
  for (const [ref, parent] of Object.entries(parents)) {
    if (parent !== undefined) p.set(ref, parent);
  }
  return { refs: new Set(Object.keys(parents)), parents: p };
}

export function makePrevious(
  users: Record<string, string> = {},
  groups: Record<string, string> = {},
): PreviousEmission {
  return {
    userNames: new Map(Object.entries(users)),
    groupNames: new Map(Object.entries(groups)),
  };
}

export interface InputOverrides {
  employees?: PaycorEmployeeRecord[];
  departments?: PaycorDepartmentRecord[];
  snapshot?: Partial<PaycorSnapshot>;
  config?: Partial<PaycorProviderConfig>;
  overrides?: DepartmentOverride[];
  adminGroups?: AdminGroupDefinition[];
  exclusions?: ExclusionRule[];
  previous?: PreviousEmission;
  external?: ExternalGroups;
  now?: Date | string;
}

export function makeInput(o: InputOverrides = {}): TransformInput {
  return {
    snapshot: makeSnapshot({
      ...(o.employees ? { employees: o.employees } : {}),
      ...(o.departments ? { departments: o.departments } : {}),
      ...o.snapshot,
    }),
    config: makeConfig(o.config),
    overrides: o.overrides ?? [],
    adminGroups: o.adminGroups ?? [],
    exclusions: o.exclusions ?? [],
    ...(o.previous ? { previous: o.previous } : {}),
    external: o.external ?? makeExternal(),
    now: o.now === undefined ? DEFAULT_NOW : new Date(o.now),
  };
}

/** Small deterministic PRNG (mulberry32) for generated fixtures. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates with a seeded PRNG. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = seededRandom(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}
