import { SandboxInputError, SandboxNotFoundError } from '../errors';
import { deliveryFaultSchema, subscriptionSchema } from '../events/schemas';
import type {
  DeliveryFault,
  DeliveryLog,
  EventSubscription,
  NewSubscription,
  PaycorEvent,
} from '../events/types';
import type { ActiveFault, SandboxFault } from '../faults/FaultInjector';
import type { CallLogSnapshot } from '../http/CallLog';
import { TERMINATION_REASONS } from '../org/catalog';
import {
  calendarDayAsWritten,
  DayCalendar,
  startOfLocalDay,
  toPaycorDate,
} from '../org/dates';
import {
  loadOrgFixtureFile,
  parseOrgFixture,
  type CompleteOrgFixture,
} from '../org/fixture';
import { generateOrg } from '../org/generate';
import { IdMinter } from '../org/idMinter';
import { NamePicker } from '../org/names';
import { normalizeEmployee } from '../org/normalize';
import { OrgStore } from '../org/OrgStore';
import { SeededRandom } from '../org/random';
import { managerReference } from '../org/records';
import type { Department, Employee } from '../paycor/types';
import type { RateLimitSettings } from '../rateLimit';
import type { OrgSource, SandboxRuntime } from '../runtime';
import { parseInput } from '../validation';
import { deepMerge } from './deepMerge';
import { descendantIds, relevelSubtree } from './departmentTree';
import { draftNewEmployee, type NewEmployeeContext } from './newEmployee';
import { withConsistentReferences } from './references';
import {
  addDepartmentSchema,
  addEmployeeSchema,
  bulkTerminateSchema,
  changeEmailSchema,
  faultSchema,
  latencySchema,
  mintTokensSchema,
  rateLimitSchema,
  emitEventSchema,
  resetSchema,
  scopesSchema,
  terminateSchema,
  updateDepartmentSchema,
  updateEmployeeSchema,
} from './schemas';
import type {
  BulkTerminateOptions,
  EmitEvent,
  DeletedDepartment,
  DepartmentUpdate,
  EmployeeUpdate,
  MintedTokens,
  NewDepartment,
  NewEmployee,
  OrgSummary,
  ProcessUsage,
  ResetOptions,
  SandboxControl,
  SandboxSettings,
  TerminateOptions,
} from './types';

/** Builds the org a source describes. */
export async function buildOrg(
  source: OrgSource,
  fixture: ResetOptions['fixture'],
  now: Date,
): Promise<CompleteOrgFixture> {
  if (typeof fixture === 'string') return loadOrgFixtureFile(fixture);
  if (fixture) return parseOrgFixture(fixture, 'fixture');
  return generateOrg({ ...source, now });
}

/**
 * The in-process control surface; the `/_sandbox` routes call exactly these methods.
 * Every mutation replaces records (never edits them in place) and bumps the store.
 */
export class SandboxController implements SandboxControl {
  private newEmployeeContext: NewEmployeeContext | undefined;
  /** The last fixture loaded, so a bare `reset()` restores it. */
  private fixtureSource: CompleteOrgFixture | undefined;

  constructor(
    private readonly runtime: SandboxRuntime,
    initialFixture?: CompleteOrgFixture,
  ) {
    this.fixtureSource = initialFixture;
  }

  async reset(options: ResetOptions = {}): Promise<OrgSummary> {
    const input = parseInput(resetSchema, options);
    const { runtime } = this;
    let fixture: CompleteOrgFixture;
    if (input.fixture !== undefined) {
      fixture = await buildOrg(
        runtime.orgSource,
        input.fixture as ResetOptions['fixture'],
        runtime.now(),
      );
      this.fixtureSource = fixture;
    } else if (
      this.fixtureSource &&
      input.seed === undefined &&
      input.employees === undefined &&
      !input.dirtyData
    ) {
      fixture = this.fixtureSource;
    } else {
      runtime.orgSource = {
        ...runtime.orgSource,
        seed: input.seed ?? runtime.orgSource.seed,
        employees: input.employees ?? runtime.orgSource.employees,
        dirtyData: input.dirtyData ?? runtime.orgSource.dirtyData,
      };
      this.fixtureSource = undefined;
      fixture = await buildOrg(runtime.orgSource, undefined, runtime.now());
    }
    runtime.store = new OrgStore(fixture);
    runtime.renderer.preRender(runtime.store);
    runtime.continuations.clear();
    runtime.faults.clear();
    runtime.callLog.reset();
    runtime.rateLimiter.reset();
    this.newEmployeeContext = undefined;
    this.legalEntityModified();
    return this.getSummary();
  }

  getOrg() {
    return structuredClone(this.runtime.store.toFixture());
  }

  /** The org as JSON, without the deep copy `getOrg()` makes (for `GET /_sandbox/org`). */
  serializeOrg(): string {
    return JSON.stringify(this.runtime.store.toFixture());
  }

  addEmployee(employee: NewEmployee = {}): Employee {
    const input = parseInput(addEmployeeSchema, employee);
    const { store } = this.runtime;
    if (input.id && store.employees.has(input.id)) {
      throw SandboxInputError.forField(
        'id',
        `an employee with id '${input.id}' already exists`,
      );
    }
    const drafted = draftNewEmployee(this.context(), input);
    store.employees.set(drafted.employee);
    if (drafted.person) store.persons.set(drafted.person);
    store.touch();
    this.employeeModified(drafted.employee.id);
    return structuredClone(drafted.employee);
  }

  updateEmployee(id: string, patch: EmployeeUpdate): Employee {
    const input = parseInput(updateEmployeeSchema, patch);
    const { store } = this.runtime;
    const current = this.employee(id);
    const updated = withConsistentReferences(
      store,
      normalizeEmployee(deepMerge(current, input as Record<string, unknown>)),
      input,
    );
    this.replaceEmployee(current, updated);
    return structuredClone(updated);
  }

  terminateEmployee(id: string, options: TerminateOptions = {}): Employee {
    const input = parseInput(terminateSchema, options);
    const terminated = this.terminated(this.employee(id), input);
    this.replaceEmployee(this.employee(id), terminated);
    return structuredClone(terminated);
  }

  terminateEmployees(options: BulkTerminateOptions): string[] {
    const input = parseInput(bulkTerminateSchema, options);
    const { store, orgSource } = this.runtime;
    let ids: string[];
    if (input.ids) {
      ids = input.ids.map(id => this.employee(id).id);
    } else {
      // Deterministic: the same org, share and seed always pick the same people.
      const active = store.employees
        .keysInOrder()
        .map(key => store.employees.entryByKey(key)!.record)
        .filter(e => e.statusData?.status === 'Active')
        .map(e => e.id);
      const random = new SeededRandom(input.seed ?? orgSource.seed);
      ids = random.sample(active, Math.round(input.share! * active.length));
    }
    for (const id of ids) {
      const current = this.employee(id);
      this.replaceEmployee(
        current,
        this.terminated(current, { date: input.date, status: input.status }),
      );
    }
    return ids;
  }

  changeEmail(id: string, email: string | null): Employee {
    const input = parseInput(changeEmailSchema, { email });
    const current = this.employee(id);
    const updated: Employee = {
      ...current,
      email:
        input.email === null
          ? null
          : { type: 'Work', emailAddress: input.email },
    };
    this.replaceEmployee(current, updated);
    return structuredClone(updated);
  }

  addDepartment(department: NewDepartment): Department {
    const input = parseInput(addDepartmentSchema, department);
    const { store } = this.runtime;
    const parent = input.parentId
      ? store.departments.get(input.parentId)
      : undefined;
    if (input.parentId && !parent)
      throw SandboxInputError.forField(
        'parentId',
        `no department with id '${input.parentId}'`,
      );
    const code = input.code ?? this.nextDepartmentCode();
    this.assertCodeFree(code);
    const template = parent ?? store.departments.values().next().value;
    const created: Department = {
      id: this.context().ids.next(),
      code,
      description: input.description,
      parentId: parent ? parent.id : null,
      level: parent ? parent.level + 1 : 2,
      payrollId: template?.payrollId ?? null,
      payrollDescription: template?.payrollDescription ?? null,
      workLocationId: parent?.workLocationId ?? null,
      workLocationName: parent?.workLocationName ?? null,
    };
    store.departments.set(created);
    store.touch();
    this.legalEntityModified();
    return { ...created };
  }

  updateDepartment(id: string, update: DepartmentUpdate): Department {
    const input = parseInput(updateDepartmentSchema, update);
    const { store } = this.runtime;
    const current = this.department(id);
    let parentId = current.parentId;
    if (input.parentId !== undefined) {
      const parent =
        input.parentId === null
          ? undefined
          : store.departments.get(input.parentId);
      if (input.parentId !== null && !parent) {
        throw SandboxInputError.forField(
          'parentId',
          `no department with id '${input.parentId}'`,
        );
      }
      if (
        parent &&
        (parent.id === current.id ||
          descendantIds(store, current.id).has(parent.id.toLowerCase()))
      ) {
        throw SandboxInputError.forField(
          'parentId',
          'a department cannot move below itself',
        );
      }
      parentId = parent ? parent.id : null;
    }
    if (input.code !== undefined && input.code !== current.code)
      this.assertCodeFree(input.code);
    store.departments.set({
      ...current,
      description: input.description ?? current.description,
      code: input.code ?? current.code,
      parentId,
    });
    relevelSubtree(store, current.id);
    store.touch();
    this.legalEntityModified();
    return { ...store.departments.get(current.id)! };
  }

  deleteDepartment(id: string): DeletedDepartment {
    const { store } = this.runtime;
    const doomed = this.department(id);
    const reparentedChildren: string[] = [];
    for (const department of [...store.departments.values()]) {
      if (department.parentId?.toLowerCase() !== doomed.id.toLowerCase())
        continue;
      store.departments.set({ ...department, parentId: doomed.parentId });
      reparentedChildren.push(department.id);
    }
    store.departments.delete(doomed.id);
    reparentedChildren.forEach(child => relevelSubtree(store, child));
    store.touch();
    this.legalEntityModified();
    const key = doomed.id.toLowerCase();
    let orphanedEmployees = 0;
    for (const employee of store.employees.values()) {
      if (employee.department?.id?.toLowerCase() === key) orphanedEmployees++;
    }
    return { id: doomed.id, reparentedChildren, orphanedEmployees };
  }

  injectFault(fault: SandboxFault): ActiveFault {
    return this.runtime.faults.inject(parseInput(faultSchema, fault));
  }

  listFaults(): ActiveFault[] {
    return this.runtime.faults.list();
  }

  clearFaults(): void {
    this.runtime.faults.clear();
  }

  setLatency(ms: number): void {
    this.runtime.latencyMs = parseInput(latencySchema, { ms }).ms;
  }

  getCallLog(): CallLogSnapshot {
    return this.runtime.callLog.snapshot();
  }

  resetCallLog(): void {
    this.runtime.callLog.reset();
  }

  mintTokens(options: { newSubscriptionKey?: boolean } = {}): MintedTokens {
    const input = parseInput(mintTokensSchema, options);
    const { runtime } = this;
    return {
      baseUrl: runtime.baseUrl,
      clientId: runtime.tokens.clientId,
      clientSecret: runtime.tokens.clientSecret,
      subscriptionKey: input.newSubscriptionKey
        ? runtime.subscriptionKeys.mint()
        : runtime.subscriptionKeys.primary,
      refreshToken: runtime.tokens.mintRefreshToken(),
      legalEntityId: runtime.store.legalEntityId,
      tenantId: runtime.store.tenantId,
    };
  }

  setScopes(scopes: readonly string[]): void {
    this.runtime.tokens.setScopes(parseInput(scopesSchema, { scopes }).scopes);
  }

  setRateLimit(limit: number | false | RateLimitSettings): void {
    const current = this.runtime.rateLimiter.current;
    const input = parseInput(
      rateLimitSchema,
      typeof limit === 'object' && limit !== null ? limit : { limit },
    );
    this.runtime.rateLimiter.configure(
      input.limit === false
        ? false
        : {
            limit: input.limit,
            windowMs: input.windowMs ?? (current ? current.windowMs : 60_000),
          },
    );
  }

  subscribe(subscription: NewSubscription): EventSubscription {
    return this.runtime.events.subscribe(
      parseInput(subscriptionSchema, subscription),
    );
  }

  unsubscribe(id: string): void {
    this.runtime.events.unsubscribe(id);
  }

  listSubscriptions(): EventSubscription[] {
    return this.runtime.events.listSubscriptions();
  }

  emitEvent(input: EmitEvent): PaycorEvent[] {
    const event = parseInput(emitEventSchema, input);
    if (event.eventType === 'LegalEntity.Modified') {
      return this.legalEntityModified();
    }
    if (!event.itemId) {
      throw SandboxInputError.forField(
        'itemId',
        'is required when eventType is Employee.Modified',
      );
    }
    // Paycor may notify about people it no longer lists; so may the sandbox.
    return this.employeeModified(event.itemId);
  }

  injectDeliveryFault(fault: DeliveryFault): DeliveryFault {
    return this.runtime.events.armFault(parseInput(deliveryFaultSchema, fault));
  }

  clearDeliveryFaults(): void {
    this.runtime.events.clearFaults();
  }

  getDeliveries(): DeliveryLog {
    return this.runtime.events.getLog();
  }

  clearDeliveries(): void {
    this.runtime.events.clearLog();
  }

  flushEvents(timeoutMs?: number): Promise<boolean> {
    return this.runtime.events.flush(timeoutMs);
  }

  getSettings(): SandboxSettings {
    const { runtime } = this;
    return {
      latencyMs: runtime.latencyMs,
      rateLimit: runtime.rateLimiter.current,
      scopes: runtime.tokens.grantedScopes,
    };
  }

  getSummary(): OrgSummary {
    const { store } = this.runtime;
    return {
      legalEntityId: store.legalEntityId,
      tenantId: store.tenantId,
      employees: store.employees.size,
      departments: store.departments.size,
      persons: store.persons.size,
      workLocations: store.workLocations.size,
      timeZone: store.timeZone,
      today: toPaycorDate(this.companyToday()).slice(0, 10),
    };
  }

  getProcessUsage(): ProcessUsage {
    const cpu = process.cpuUsage();
    const memory = process.memoryUsage();
    return {
      cpuUserMs: cpu.user / 1000,
      cpuSystemMs: cpu.system / 1000,
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
    };
  }

  /** Raises `Employee.Modified` for subscribers (api.md §7). */
  private employeeModified(employeeId: string): PaycorEvent[] {
    const { store } = this.runtime;
    return this.runtime.events.publish('Employee.Modified', {
      tenantId: store.tenantId,
      legalEntityId: store.legalEntityId,
      itemId: employeeId,
      extendedProperties: null,
      resource: { id: employeeId, url: `/v1/employees/${employeeId}` },
    });
  }

  /**
   * Raises `LegalEntity.Modified`. Guess: Paycor documents no department event, so a
   * department change (or a whole new org) is announced as a change of the legal entity.
   */
  private legalEntityModified(): PaycorEvent[] {
    const { store } = this.runtime;
    return this.runtime.events.publish('LegalEntity.Modified', {
      tenantId: store.tenantId,
      legalEntityId: store.legalEntityId,
      itemId: null,
      extendedProperties: null,
      resource: {
        id: String(store.legalEntityId),
        url: `/v1/legalentities/${store.legalEntityId}`,
      },
    });
  }

  private employee(id: string): Employee {
    const employee = this.runtime.store.employees.get(id);
    if (!employee) throw new SandboxNotFoundError('employee', id);
    return employee;
  }

  private department(id: string): Department {
    const department = this.runtime.store.departments.get(id);
    if (!department) throw new SandboxNotFoundError('department', id);
    return department;
  }

  /**
   * Stores an employee's new version and keeps the rest of the org consistent with it:
   * subordinates see a changed employee number in their manager reference, and the
   * person follows name changes.
   */
  private replaceEmployee(previous: Employee, updated: Employee): void {
    const { store } = this.runtime;
    store.employees.set(updated);
    if (updated.employeeNumber !== previous.employeeNumber) {
      const key = updated.id.toLowerCase();
      for (const subordinate of [...store.employees.values()]) {
        const manager = subordinate.positionData?.manager;
        if (manager?.id?.toLowerCase() !== key) continue;
        store.employees.set({
          ...subordinate,
          positionData: {
            ...subordinate.positionData!,
            manager: {
              ...managerReference(updated),
              employee: manager.employee,
            },
          },
        });
        this.employeeModified(subordinate.id);
      }
    }
    const person = store.personOf(updated);
    const renamed = (['firstName', 'middleName', 'lastName'] as const).some(
      k => updated[k] !== previous[k],
    );
    if (person && renamed) {
      store.persons.set({
        ...person,
        firstName: updated.firstName,
        middleName: updated.middleName,
        lastName: updated.lastName,
      });
    }
    store.touch();
    this.employeeModified(updated.id);
  }

  private terminated(
    employee: Employee,
    input: { date?: string; status?: string; reason?: string },
  ): Employee {
    const status = (input.status ??
      'Terminated') as keyof typeof TERMINATION_REASONS;
    const date = toPaycorDate(
      input.date ? calendarDayAsWritten(input.date) : this.companyToday(),
    );
    return {
      ...employee,
      employmentDateData: {
        hireDate: null,
        adjustedHireDate: null,
        seniorityDate: null,
        ...employee.employmentDateData,
        terminationDate: date,
        terminationReason: input.reason ?? TERMINATION_REASONS[status][0],
        reHireDate: null,
      },
      positionData: employee.positionData
        ? { ...employee.positionData, effectiveEndDate: date }
        : null,
      statusData: {
        isFullTime: null,
        flsa: null,
        type: null,
        eligibleForRehire: null,
        ...employee.statusData,
        status,
        leaveStartDate: null,
        leaveReason: null,
      },
    };
  }

  private nextDepartmentCode(): string {
    let max = 0n;
    for (const department of this.runtime.store.departments.values()) {
      if (
        department.code &&
        /^\d{1,14}$/.test(department.code) &&
        BigInt(department.code) > max
      ) {
        max = BigInt(department.code);
      }
    }
    return String(max + 1n);
  }

  private assertCodeFree(code: string): void {
    if (this.runtime.store.departmentIdsWithCode(BigInt(code)).size > 0) {
      throw SandboxInputError.forField(
        'code',
        `department code '${code}' is already used`,
      );
    }
  }

  /** Midnight UTC of the company's calendar day now. */
  private companyToday(): Date {
    return startOfLocalDay(this.runtime.now(), this.runtime.store.timeZone);
  }

  /**
   * Seeded helpers for new records, created on first use after each reset;
   * the calendar is today's on every call (a sandbox runs past midnight).
   */
  private context(): NewEmployeeContext {
    if (!this.newEmployeeContext) {
      const { store, orgSource } = this.runtime;
      const random = new SeededRandom(orgSource.seed).fork(0xadd);
      const taken = [
        ...store.employees.keysInOrder(),
        ...store.persons.keysInOrder(),
        ...store.departments.keysInOrder(),
      ];
      this.newEmployeeContext = {
        store,
        random,
        ids: new IdMinter(random.fork(1), taken),
        names: new NamePicker(random.fork(2)),
        calendar: new DayCalendar(this.companyToday()),
      };
    }
    const today = this.companyToday();
    if (this.newEmployeeContext.calendar.day(0) !== toPaycorDate(today)) {
      this.newEmployeeContext.calendar = new DayCalendar(today);
    }
    return this.newEmployeeContext;
  }
}
