import { Entity } from '@backstage/catalog-model';
import {
  ConflictSubjectKind,
  ConflictType,
} from '@paycor-backstage/plugin-paycor-common';
import { PaycorProviderConfig } from '../config/types';
import type { EmployeeElsewhere } from './reportingLines';

/**
 * The compact, validated form of what one sync read from Paycor. Only the fields
 * the mapping needs are kept, so a 100k-employee snapshot stays small in memory
 * and in the database (it is stored so re-homing can be re-applied without
 * calling Paycor).
 */
export interface PaycorEmployeeRecord {
  id: string;
  employeeNumber?: string;
  firstName?: string;
  middleName?: string;
  lastName?: string;
  /** work email as Paycor returns it (not normalised) */
  email?: string;
  departmentId?: string;
  managerId?: string;
  jobTitle?: string;
  workLocation?: { id?: string; name?: string };
  /** statusData.status; absent when Paycor returned no status section */
  status?: string;
  /** statusData.type, e.g. Regular */
  employmentType?: string;
  /** ISO date-times exactly as Paycor sent them (with or without `Z`) */
  hireDate?: string;
  reHireDate?: string;
  terminationDate?: string;
  /** values of `fieldMapping` source paths, by source path */
  mapped?: Record<string, string>;
  /**
   * Set when Paycor's current record failed validation and this is the last
   * good version from an earlier snapshot (ISO time of that snapshot).
   */
  staleSince?: string;
}

export interface PaycorDepartmentRecord {
  id: string;
  code?: string;
  /** the department name shown to users */
  description?: string;
  /** null/absent for top-level departments (or equal to payrollId) */
  parentId?: string;
  level?: number;
  payrollId?: string;
}

export interface PaycorLegalEntityRecord {
  id: number;
  name?: string;
  /** IANA zone inferred from the legal entity's primary address, if known */
  timeZone?: string;
}

/** A Paycor record that failed validation. */
export interface InvalidRecord {
  resource: 'employee' | 'department';
  /** the record's id, when it could be read */
  id?: string;
  /** a readable label (name), when it could be read */
  label?: string;
  issues: Array<{ path: string; message: string }>;
}

export interface PaycorSnapshot {
  /** when the read finished */
  fetchedAt: string;
  /**
   * The run that read it, once people were re-read alone since (the stored
   * snapshot's id is then the last of those runs).
   */
  readBy?: string;
  /** people re-read alone since the read ("Sync now" on a person), by id */
  personReads?: Record<string, { at: string; runId: string }>;
  legalEntity: PaycorLegalEntityRecord;
  departments: PaycorDepartmentRecord[];
  employees: PaycorEmployeeRecord[];
  invalid: InvalidRecord[];
}

/** A department parent override (from the admin API or from config). */
export interface DepartmentOverride {
  departmentId: string;
  /** normalised Group ref `group:<ns>/<name>` */
  parentRef: string;
  source: 'api' | 'config';
}

/** A Group an admin defined in the sync page; emitted by the provider. */
export interface AdminGroupDefinition {
  name: string;
  title: string;
  description?: string;
  /** normalised Group ref; default the organization Group */
  parentRef?: string;
  type: string;
}

export interface ExclusionRule {
  kind: 'employee-id' | 'email';
  /** employee ids compared as-is, emails case-insensitively */
  value: string;
}

/** What the previous successful run emitted; keeps names and email owners stable. */
export interface PreviousEmission {
  /** Paycor employee id → User entity name */
  userNames: Map<string, string>;
  /** Paycor department id → Group entity name */
  groupNames: Map<string, string>;
}

/** Groups in the catalog that this provider does not emit (re-home targets). */
export interface ExternalGroups {
  /** normalised refs of Groups that exist in the catalog */
  refs: ReadonlySet<string>;
  /** their `spec.parent`, normalised, to detect cycles through them */
  parents: ReadonlyMap<string, string>;
}

export interface TransformInput {
  snapshot: PaycorSnapshot;
  config: PaycorProviderConfig;
  overrides: DepartmentOverride[];
  adminGroups: AdminGroupDefinition[];
  exclusions: ExclusionRule[];
  previous?: PreviousEmission;
  external: ExternalGroups;
  now: Date;
  /** people of the other configured legal entities (managers across legal entities) */
  elsewhere?: (employeeId: string) => EmployeeElsewhere | undefined;
}

/** A conflict found by one run; the store turns these into tracked conflicts. */
export interface ConflictDraft {
  type: ConflictType;
  subject: { kind: ConflictSubjectKind; id: string; label?: string };
  entityRef?: string;
  /** what happened, in one or two sentences */
  message: string;
  /** what an admin can do about it */
  resolution: string;
}

export type SkipReason =
  | 'not-yet-hired'
  | 'terminated'
  | 'status'
  | 'on-leave'
  | 'filtered'
  | 'excluded'
  | 'invalid'
  | 'duplicate-email';

/** Where a department ended up, for the departments view and the admin API. */
export interface DepartmentPlacement {
  id: string;
  code?: string;
  name: string;
  level?: number;
  paycorParentId?: string;
  /** the parent Paycor's tree alone gives */
  paycorParentRef?: string;
  /** the parent emitted */
  effectiveParentRef?: string;
  /** the department's Group ref when emitted */
  entityRef?: string;
  memberCount: number;
  state: 'synced' | 'empty' | 'filtered';
  override?: DepartmentOverride;
  overrideProblem?: 'target-missing' | 'cycle';
}

export interface TransformResult {
  /** every entity to emit: org Group, admin Groups, department Groups, Users (sorted by ref) */
  entities: Entity[];
  conflicts: ConflictDraft[];
  departments: DepartmentPlacement[];
  /** the names given this time, to feed the next run's `previous` */
  emission: PreviousEmission;
  stats: {
    users: number;
    groups: number;
    skipped: number;
    skippedByReason: Partial<Record<SkipReason, number>>;
  };
}
