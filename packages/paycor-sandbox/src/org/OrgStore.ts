import type {
  Department,
  Employee,
  LegalEntity,
  Person,
  WorkLocation,
} from '../paycor/types';
import { zoneOfLegalEntity } from './usZones';
import type { CompleteOrgFixture } from './fixture';

interface Identified {
  id: string;
}

/**
 * A record as stored, with room for its pre-serialized form. A change to a record stores
 * a new StoredRecord, so what was serialized for the old version is dropped with it and
 * can never be served stale (see `http/RecordRenderer.ts`).
 */
export interface StoredRecord<T> {
  readonly record: T;
  /** JSON fragments of the record, owned by the renderer. */
  fragments?: readonly string[];
}

/**
 * One collection of records: insertion order (for `getOrg()`), lookup by id
 * (case-insensitive, as ASP.NET binds GUIDs) and ids sorted for keyset paging.
 * Records are immutable: a change replaces the object.
 */
export class RecordCollection<T extends Identified> {
  private readonly byKey = new Map<string, StoredRecord<T>>();
  private sortedKeys: string[] | undefined;

  constructor(records: readonly T[]) {
    for (const record of records)
      this.byKey.set(record.id.toLowerCase(), { record });
  }

  get size(): number {
    return this.byKey.size;
  }

  get(id: string): T | undefined {
    return this.byKey.get(id.toLowerCase())?.record;
  }

  /** The stored record (with its serialization cache). */
  entry(id: string): StoredRecord<T> | undefined {
    return this.byKey.get(id.toLowerCase());
  }

  has(id: string): boolean {
    return this.byKey.has(id.toLowerCase());
  }

  /** Records in insertion order (new records last). */
  *values(): IterableIterator<T> {
    for (const stored of this.byKey.values()) yield stored.record;
  }

  /** Every stored record, in insertion order. */
  entries(): IterableIterator<StoredRecord<T>> {
    return this.byKey.values();
  }

  /** Lower-cased ids in ascending order: the keyset order of every list endpoint. */
  keysInOrder(): readonly string[] {
    if (!this.sortedKeys) this.sortedKeys = [...this.byKey.keys()].sort();
    return this.sortedKeys;
  }

  /** Index of the first key strictly greater than `afterKey` (0 when undefined). */
  indexAfter(afterKey: string | undefined): number {
    const keys = this.keysInOrder();
    if (afterKey === undefined) return 0;
    let low = 0;
    let high = keys.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (keys[mid] <= afterKey) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** By a lower-cased key from `keysInOrder()`. */
  entryByKey(key: string): StoredRecord<T> | undefined {
    return this.byKey.get(key);
  }

  /** Inserts or replaces (keeping the original insertion position on replace). */
  set(record: T): void {
    const key = record.id.toLowerCase();
    const isNew = !this.byKey.has(key);
    this.byKey.set(key, { record });
    if (isNew && this.sortedKeys) {
      this.sortedKeys.splice(this.indexAfter(key), 0, key);
    }
  }

  delete(id: string): boolean {
    const key = id.toLowerCase();
    if (!this.byKey.delete(key)) return false;
    if (this.sortedKeys) {
      const index = this.indexAfter(key) - 1;
      if (this.sortedKeys[index] === key) this.sortedKeys.splice(index, 1);
    }
    return true;
  }
}

/**
 * The in-memory org the API serves. Holds records in Paycor's wire shape; the control
 * layer implements the business rules of each mutation on top of these primitives.
 */
export class OrgStore {
  legalEntity: LegalEntity;
  readonly employees: RecordCollection<Employee>;
  readonly departments: RecordCollection<Department>;
  readonly persons: RecordCollection<Person>;
  readonly workLocations: RecordCollection<WorkLocation>;
  /** Bumped on every mutation. */
  private revision = 0;

  constructor(fixture: CompleteOrgFixture) {
    this.legalEntity = fixture.legalEntity;
    this.employees = new RecordCollection(fixture.employees);
    this.departments = new RecordCollection(fixture.departments);
    this.persons = new RecordCollection(fixture.persons);
    this.workLocations = new RecordCollection(fixture.workLocations);
  }

  get version(): number {
    return this.revision;
  }

  get legalEntityId(): number {
    return this.legalEntity.id;
  }

  /** The tenant (CompanyId) the legal entity belongs to, from its `tenant` reference. */
  get tenantId(): number | null {
    const id = Number(this.legalEntity.tenant?.id);
    return Number.isInteger(id) ? id : null;
  }

  /**
   * The zone of the legal entity's headquarters: new hires and terminations
   * are dated by the company's calendar day in it.
   */
  get timeZone(): string {
    return zoneOfLegalEntity(this.legalEntity);
  }

  touch(): void {
    this.revision++;
  }

  personOf(employee: Employee): Person | undefined {
    const id = employee.person?.id;
    return id ? this.persons.get(id) : undefined;
  }

  /** Departments whose code equals `code` numerically (the filter takes an int64). */
  departmentIdsWithCode(code: bigint): Set<string> {
    const ids = new Set<string>();
    for (const department of this.departments.values()) {
      if (
        department.code !== null &&
        /^\d+$/.test(department.code) &&
        BigInt(department.code) === code
      ) {
        ids.add(department.id.toLowerCase());
      }
    }
    return ids;
  }

  toFixture(): CompleteOrgFixture {
    return {
      legalEntity: this.legalEntity,
      departments: [...this.departments.values()],
      employees: [...this.employees.values()],
      persons: [...this.persons.values()],
      workLocations: [...this.workLocations.values()],
    };
  }
}
