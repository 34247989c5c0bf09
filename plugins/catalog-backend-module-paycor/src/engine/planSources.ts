import { PaycorProviderConfig } from '../config/types';
import { PaycorSnapshot } from '../ingest/types';
import { PaycorStores } from '../store';
import { StoredAdminGroup } from '../store/AdminGroupStore';
import { StoredOverride } from '../store/OverrideStore';
import { SnapshotHead } from '../store/SnapshotStore';
import { Exclusion } from '@paycor-backstage/plugin-paycor-common';
import { CatalogState } from './CatalogState';
import { ElsewhereView, LegalEntityDirectory } from './legalEntityDirectory';
import {
  LoadedSnapshot,
  loadStoredSnapshot,
  toPaycorSnapshot,
} from './loadedSnapshot';
import {
  CatalogView,
  LoadedEmission,
  loadEmission,
  PlanSettings,
} from './planning';
import { PlanWorkListener } from './work';

/** The admin settings as stored (with who set them) and as plan inputs. */
export interface Settings extends PlanSettings {
  revision: number;
  stored: {
    overrides: StoredOverride[];
    adminGroups: StoredAdminGroup[];
    exclusions: Exclusion[];
  };
}

/**
 * Where plans come from: the stored snapshot and emission, the admin settings
 * and what the catalog holds. The snapshot and emission are decoded at most
 * once per version and the settings read once per revision; the database
 * says which versions are current, so a change made on another replica is
 * never missed.
 */
export class PlanSources {
  private snapshot?: LoadedSnapshot;
  private emission?: LoadedEmission;
  private settingsMemo?: Settings;
  private readonly forgetListeners: Array<() => void> = [];

  constructor(
    private readonly options: {
      config: PaycorProviderConfig;
      stores: PaycorStores;
      catalog: CatalogState;
      locationKey: string;
      onWork?: PlanWorkListener;
      /** the module's other providers, for managers across legal entities */
      directory?: LegalEntityDirectory;
    },
  ) {
    options.directory?.register(options.config.id, {
      legalEntityId: String(options.config.legalEntityId),
      stored: async () => (await this.stored())?.snapshot,
    });
  }

  /**
   * Employees of the module's other legal entities, when `snapshot` names a
   * manager it does not list (else undefined, without a query).
   */
  async elsewhere(
    snapshot: LoadedSnapshot,
  ): Promise<ElsewhereView | undefined> {
    return this.options.directory?.view(this.id, snapshot);
  }

  private get id() {
    return this.options.config.id;
  }

  /**
   * The stored snapshot and emission with the current settings, checked with
   * one query (what a plan needs before every admin edit).
   */
  async current(): Promise<{
    stored?: { snapshot: LoadedSnapshot; emission: LoadedEmission };
    settings: Settings;
  }> {
    const versions = await this.options.stores.snapshots.versions(this.id);
    const [stored, settings] = await Promise.all([
      this.storedAt(versions.head),
      this.settingsAt(versions.settingsRevision),
    ]);
    return { stored, settings };
  }

  /** The stored snapshot with its emission; undefined before the first sync. */
  async stored(): Promise<
    { snapshot: LoadedSnapshot; emission: LoadedEmission } | undefined
  > {
    return this.storedAt(await this.options.stores.snapshots.head(this.id));
  }

  private async storedAt(
    head: SnapshotHead | undefined,
  ): Promise<
    { snapshot: LoadedSnapshot; emission: LoadedEmission } | undefined
  > {
    if (!head) return undefined;
    const [snapshot, emission] = await Promise.all([
      this.snapshot?.id === head.snapshotId
        ? this.snapshot
        : this.decodeSnapshot(),
      this.emission?.id === head.emissionId
        ? this.emission
        : this.decodeEmission(),
    ]);
    if (!snapshot || !emission) return undefined;
    return { snapshot, emission };
  }

  /** The stored emission alone (what the catalog holds from us). */
  async storedEmission(): Promise<LoadedEmission | undefined> {
    const head = await this.options.stores.snapshots.head(this.id);
    if (!head) return undefined;
    if (this.emission?.id === head.emissionId) return this.emission;
    return this.decodeEmission();
  }

  /**
   * The stored snapshot as plain records (the last good version of each).
   * Decoded without being kept when it is not in memory: a sync that reads a
   * new snapshot needs only the few records Paycor sent bad this time.
   */
  async storedRecords(): Promise<PaycorSnapshot | undefined> {
    const head = await this.options.stores.snapshots.head(this.id);
    if (!head) return undefined;
    if (this.snapshot?.id === head.snapshotId) {
      return toPaycorSnapshot(this.snapshot);
    }
    const stored = await this.options.stores.snapshots.loadSnapshot(this.id);
    if (!stored) return undefined;
    this.options.onWork?.(this.id, 'snapshot-decode');
    // loaded as for planning, so the records (and their digests) come back
    // exactly as from memory, but not kept
    return toPaycorSnapshot(
      loadStoredSnapshot(
        stored.snapshotId,
        stored.snapshot,
        this.options.config.userNaming,
      ),
    );
  }

  /** The settings of the current revision. */
  async settings(): Promise<Settings> {
    return this.settingsAt(
      await this.options.stores.settingsRevision.get(this.id),
    );
  }

  // The revision is read before the lists: a write racing with the lists
  // then leaves a newer revision behind, and the next call reads them again.
  private async settingsAt(revision: number): Promise<Settings> {
    const { stores } = this.options;
    if (this.settingsMemo?.revision === revision) return this.settingsMemo;
    const [overrides, adminGroups, exclusions] = await Promise.all([
      stores.overrides.list(this.id),
      stores.adminGroups.list(this.id),
      stores.exclusions.list(this.id),
    ]);
    this.settingsMemo = {
      revision,
      stored: { overrides, adminGroups, exclusions },
      // config's departmentParents are merged by the transform itself
      overrides: overrides.map(o => ({
        departmentId: o.departmentId,
        parentRef: o.parentRef,
        source: 'api' as const,
      })),
      adminGroups: adminGroups.map(g => ({
        name: g.name,
        title: g.title,
        description: g.description,
        parentRef: g.parentRef,
        type: g.type,
      })),
      exclusions: exclusions.map(e => ({ kind: e.kind, value: e.value })),
    };
    return this.settingsMemo;
  }

  /** Other sources' Groups, and (for a run) which refs they own. */
  async catalogView(options: { owners: boolean }): Promise<CatalogView> {
    const { catalog, config, locationKey } = this.options;
    const [external, foreign] = await Promise.all([
      catalog.externalGroups(locationKey),
      options.owners
        ? catalog.foreignOwners(config.namespace, locationKey)
        : new Map<string, string>(),
    ]);
    return { external, foreign };
  }

  /** A sync stored this snapshot: plans use it without decoding it again. */
  rememberSnapshot(snapshot: LoadedSnapshot) {
    this.snapshot = snapshot;
  }

  /**
   * A sync is about to read a new snapshot: the one in memory is let go (see
   * Planner.forget), and so is what the listeners keep of it; whoever needs
   * it before the sync stores the new one decodes it again.
   */
  forgetSnapshot() {
    this.snapshot = undefined;
    for (const listener of this.forgetListeners) listener();
  }

  /** Calls `listener` whenever the snapshot in memory is let go. */
  onForget(listener: () => void) {
    this.forgetListeners.push(listener);
  }

  /** A run stored this emission. */
  rememberEmission(emission: LoadedEmission) {
    this.emission = emission;
  }

  private async decodeSnapshot(): Promise<LoadedSnapshot | undefined> {
    const { stores, config, onWork } = this.options;
    const stored = await stores.snapshots.loadSnapshot(this.id);
    if (!stored) return undefined;
    onWork?.(this.id, 'snapshot-decode');
    this.snapshot = loadStoredSnapshot(
      stored.snapshotId,
      stored.snapshot,
      config.userNaming,
    );
    return this.snapshot;
  }

  private async decodeEmission(): Promise<LoadedEmission | undefined> {
    const { stores, onWork } = this.options;
    const stored = await stores.snapshots.loadEmissionWithId(this.id);
    if (!stored) return undefined;
    onWork?.(this.id, 'emission-decode');
    this.emission = loadEmission(stored.emissionId, stored.emission);
    return this.emission;
  }
}
