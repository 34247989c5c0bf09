import { Knex } from 'knex';
import { AdminGroupStore } from './AdminGroupStore';
import { ApprovalStore } from './ApprovalStore';
import { Clock } from './clock';
import { ConflictStore } from './ConflictStore';
import { ExclusionStore } from './ExclusionStore';
import { LockStore } from './LockStore';
import { OverrideStore } from './OverrideStore';
import { PersonHistoryStore } from './PersonHistoryStore';
import { ProviderStateStore } from './ProviderStateStore';
import { RunStore } from './RunStore';
import { SettingsRevisionStore } from './SettingsRevisionStore';
import { SnapshotStore } from './SnapshotStore';
import { TokenStore } from './TokenStore';

/** Every table of the module, behind one object. */
export interface PaycorStores {
  tokens: TokenStore;
  runs: RunStore;
  conflicts: ConflictStore;
  overrides: OverrideStore;
  adminGroups: AdminGroupStore;
  exclusions: ExclusionStore;
  approvals: ApprovalStore;
  snapshots: SnapshotStore;
  state: ProviderStateStore;
  settingsRevision: SettingsRevisionStore;
  locks: LockStore;
  personHistory: PersonHistoryStore;
}

export function createStores(knex: Knex, clock: Clock): PaycorStores {
  return {
    tokens: new TokenStore(knex, clock),
    runs: new RunStore(knex, clock),
    conflicts: new ConflictStore(knex, clock),
    overrides: new OverrideStore(knex, clock),
    adminGroups: new AdminGroupStore(knex, clock),
    exclusions: new ExclusionStore(knex, clock),
    approvals: new ApprovalStore(knex, clock),
    snapshots: new SnapshotStore(knex, clock),
    state: new ProviderStateStore(knex, clock),
    settingsRevision: new SettingsRevisionStore(knex, clock),
    locks: new LockStore(knex, clock),
    personHistory: new PersonHistoryStore(knex, clock),
  };
}

export { applyMigrations } from './migrations';
export type { Clock } from './clock';
export { systemClock } from './clock';
export type { Emission, SnapshotHead, StoredSnapshot } from './SnapshotStore';
export { removalSetHash } from './ApprovalStore';
