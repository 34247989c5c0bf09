import { NotFoundError } from '@backstage/errors';
import {
  PersonDetail,
  PersonList,
  PersonOutcome,
  PersonSummary,
  PersonTraceStep,
  UpcomingChanges,
} from '@paycor-backstage/plugin-paycor-common';
import { personName } from '../ingest/conflictMessages';
import { resolveTimeZone } from '../ingest/dating';
import { resolveRoot } from '../ingest/organization';
import { People } from '../ingest/people';
import { outcomeOf, tracePerson } from '../ingest/personTrace';
import { groupRef } from '../ingest/refs';
import { upcomingChanges } from '../ingest/upcomingChanges';
import { compareStrings, nonBlank } from '../ingest/util';
import { iso } from '../store/clock';
import { EngineContext } from './context';
import { toHistoryEntry } from './personHistory';
import { LoadedEmission } from './planning';
import { Settings } from './planSources';
import { LoadedSnapshot } from './loadedSnapshot';

/** How many history entries a person's detail shows. */
const HISTORY_SHOWN = 100;

/** What every answer of the directory is made from. */
interface Sources {
  snapshot: LoadedSnapshot;
  emission: LoadedEmission;
  settings: Settings;
  people: People;
  now: Date;
}

/**
 * Everyone of the last read, searchable: one entry per person with what the
 * People list shows and a lower-cased text to search. Built once per
 * snapshot, emission, settings revision and people result (the people stage
 * itself is valid for a day at most), in columns to keep 100k people small.
 */
interface PeopleIndex {
  people: People;
  emissionId: string;
  revision: number;
  summaries: PersonSummary[];
  haystacks: string[];
  byId: Map<string, number>;
  /** other sources' Users and Groups when it was built: ref → location key */
  foreign: ReadonlyMap<string, string>;
}

/**
 * The People view of one provider: the list and search, each person's trace
 * and history, and the dated changes ahead. Everything comes from the stored
 * snapshot and emission, the admin settings and the catalog's tables, never
 * from Paycor. Any replica answers: the stored versions are checked against
 * the database on every call, and the first call after they change (or after
 * a restart) decodes the snapshot and runs the people stage once.
 */
export class PeopleDirectory {
  private index?: PeopleIndex;

  constructor(private readonly ctx: EngineContext) {}

  private get id() {
    return this.ctx.config.id;
  }

  /** Lets go of the index (a new snapshot is being read; see PlanSources). */
  forget() {
    this.index = undefined;
  }

  private async sources(): Promise<Sources | undefined> {
    const { sources, planner, clock } = this.ctx;
    const { stored, settings } = await sources.current();
    if (!stored) return undefined;
    const now = clock();
    const people = planner.people(
      stored.snapshot,
      settings.exclusions,
      stored.emission,
      now,
    );
    return { ...stored, settings, people, now };
  }

  private async indexOf(s: Sources): Promise<PeopleIndex> {
    const known = this.index;
    if (
      known &&
      known.people === s.people &&
      known.emissionId === s.emission.id &&
      known.revision === s.settings.revision
    ) {
      return known;
    }
    const { config, sources } = this.ctx;
    const namespace = config.namespace || 'default';
    const { foreign } = await sources.catalogView({ owners: true });
    const inCatalog = usersInCatalog(s.emission);
    const summaries: PersonSummary[] = [];
    const add = (
      employeeId: string,
      fields: Omit<PersonSummary, 'employeeId' | 'inCatalog' | 'outcome'>,
    ) => {
      const decided = outcomeOf(
        s.people,
        employeeId,
        ref => foreign.has(ref),
        namespace,
      );
      const held = inCatalog.get(employeeId);
      const summary: PersonSummary = {
        employeeId,
        ...fields,
        outcome: decided?.outcome ?? 'invalid-record',
        inCatalog: held !== undefined,
      };
      const ref =
        held ?? (decided?.outcome === 'synced' ? decided.ref : undefined);
      if (ref) summary.entityRef = ref;
      summaries.push(summary);
    };
    for (const { employee } of s.snapshot.employees.list()) {
      const email = nonBlank(employee.email);
      const number = nonBlank(employee.employeeNumber);
      add(employee.id, {
        displayName: personName(employee),
        ...(number ? { employeeNumber: number } : {}),
        ...(email ? { email } : {}),
      });
    }
    for (const record of s.snapshot.invalid) {
      if (record.resource !== 'employee' || !record.id) continue;
      if (s.snapshot.employees.has(record.id)) continue;
      add(record.id, { displayName: record.label ?? record.id });
    }
    summaries.sort(
      (a, b) =>
        compareStrings(
          a.displayName.toLowerCase(),
          b.displayName.toLowerCase(),
        ) || compareStrings(a.employeeId, b.employeeId),
    );
    const haystacks = summaries.map(p =>
      [p.displayName, p.email ?? '', p.employeeNumber ?? '', p.employeeId]
        .join('\n')
        .toLowerCase(),
    );
    const byId = new Map<string, number>();
    summaries.forEach((p, i) => byId.set(p.employeeId, i));
    this.index = {
      people: s.people,
      emissionId: s.emission.id,
      revision: s.settings.revision,
      summaries,
      haystacks,
      byId,
      foreign,
    };
    return this.index;
  }

  /** Everyone of the last read, by name; searched and filtered. */
  async list(query: {
    q?: string;
    outcomes?: readonly PersonOutcome[];
    limit: number;
    offset: number;
  }): Promise<PersonList> {
    const s = await this.sources();
    const { limit, offset } = query;
    if (!s) return { items: [], totalCount: 0, limit, offset };
    const index = await this.indexOf(s);
    const q = query.q?.trim().toLowerCase();
    const outcomes =
      query.outcomes && query.outcomes.length > 0
        ? new Set(query.outcomes)
        : undefined;
    const items: PersonSummary[] = [];
    let totalCount = 0;
    const { summaries, haystacks } = index;
    for (let i = 0; i < summaries.length; i++) {
      if (outcomes && !outcomes.has(summaries[i].outcome)) continue;
      if (q && !haystacks[i].includes(q)) continue;
      if (totalCount >= offset && items.length < limit) {
        items.push(summaries[i]);
      }
      totalCount += 1;
    }
    return {
      items,
      totalCount,
      limit,
      offset,
      snapshotAt: s.snapshot.fetchedAt,
    };
  }

  /** Whether the last read has someone with this id. */
  async has(employeeId: string): Promise<boolean> {
    const s = await this.sources();
    if (!s) return false;
    return (await this.indexOf(s)).byId.has(employeeId);
  }

  /** One person: their trace, history and admin exclusion. 404 when unknown. */
  async detail(employeeId: string): Promise<PersonDetail> {
    const s = await this.sources();
    if (!s) {
      throw new NotFoundError(
        `No employee "${employeeId}": no sync of Paycor provider "${this.id}" has completed yet`,
      );
    }
    const index = await this.indexOf(s);
    const at = index.byId.get(employeeId);
    if (at === undefined) {
      throw new NotFoundError(
        `No employee "${employeeId}" in the last read from Paycor (legal entity ${this.ctx.config.legalEntityId}, read ${s.snapshot.fetchedAt}); if they were just hired, sync them by id`,
      );
    }
    const summary = index.summaries[at];
    const { config, catalog, stores } = this.ctx;
    const trace = tracePerson({
      employeeId,
      snapshot: {
        employees: s.snapshot.employees,
        invalid: s.snapshot.invalid,
        tree: s.snapshot.tree,
        legalEntity: s.snapshot.legalEntity,
        fetchedAt: s.snapshot.fetchedAt,
        readBy: s.snapshot.readBy ?? s.snapshot.id,
        personReads: s.snapshot.personReads,
      },
      config,
      exclusions: s.settings.stored.exclusions,
      people: s.people,
      previousUserNames: s.emission.userNames,
      // what the catalog said when the list was built, so the two agree
      foreignOwner: ref => index.foreign.get(ref),
      now: s.now,
    })!;
    const refInCatalog = usersInCatalog(s.emission).get(employeeId);
    const steps: PersonTraceStep[] = [
      ...trace.steps,
      await this.emittedStep(
        s,
        employeeId,
        trace.outcome,
        trace.entityRef,
        refInCatalog,
      ),
    ];
    const shownRef = refInCatalog ?? trace.entityRef;
    steps.push(
      await catalogStep(
        catalog,
        trace.outcome === 'owned-by-other-source' ? undefined : shownRef,
        this.ctx.locationKey,
      ),
    );
    const history = await stores.personHistory.list(
      this.id,
      employeeId,
      HISTORY_SHOWN,
    );
    const detail: PersonDetail = {
      ...summary,
      steps,
      history: history.map(toHistoryEntry),
      computedAt: iso(s.now),
      snapshotAt: s.snapshot.fetchedAt,
      timeZone: resolveTimeZone(
        config.timeZone,
        s.snapshot.legalEntity.timeZone,
      ),
    };
    const exclusion = trace.exclusion;
    if (exclusion?.id && exclusion.createdBy && exclusion.createdAt) {
      detail.exclusion = {
        id: exclusion.id,
        kind: exclusion.kind,
        value: exclusion.value,
        createdBy: exclusion.createdBy,
        createdAt: exclusion.createdAt,
        ...(exclusion.note ? { note: exclusion.note } : {}),
      };
    }
    return detail;
  }

  /** The dated changes of the next `days` days. */
  async upcoming(days: number, limit: number): Promise<UpcomingChanges> {
    const { config, clock } = this.ctx;
    const s = await this.sources();
    if (!s) {
      const zone = resolveTimeZone(config.timeZone, undefined);
      return {
        items: [],
        totalCount: 0,
        from: iso(clock()).slice(0, 10),
        days,
        timeZone: zone,
        joining: 0,
        leaving: 0,
      };
    }
    const result = upcomingChanges({
      employees: s.snapshot.employees,
      tree: s.snapshot.tree,
      legalEntity: s.snapshot.legalEntity,
      config,
      exclusions: s.settings.exclusions,
      people: s.people,
      now: s.now,
      days,
    });
    let joining = 0;
    let leaving = 0;
    for (const item of result.items) {
      if (item.effect === 'appears') joining += 1;
      else if (item.effect === 'goes') leaving += 1;
    }
    return {
      items: result.items.slice(0, limit),
      totalCount: result.items.length,
      from: result.from,
      days,
      timeZone: result.timeZone,
      joining,
      leaving,
      snapshotAt: s.snapshot.fetchedAt,
    };
  }

  /** Whether the last applied run emitted them, and what became of it. */
  private async emittedStep(
    s: Sources,
    employeeId: string,
    outcome: PersonOutcome,
    ref: string | undefined,
    refInCatalog: string | undefined,
  ): Promise<PersonTraceStep> {
    const { stores } = this.ctx;
    const employee = s.snapshot.employees.get(employeeId);
    if (outcome === 'synced' && ref) {
      if (refInCatalog === ref) {
        const departmentId = nonBlank(employee?.employee.departmentId);
        const group =
          departmentId !== undefined
            ? s.emission.groupNames.get(departmentId)
            : undefined;
        const namespace = this.ctx.config.namespace || 'default';
        const memberOf = group
          ? groupRef(namespace, group)
          : resolveRoot(
              this.ctx.config.organization,
              s.snapshot.legalEntity,
              namespace,
            ).ref;
        return {
          step: 'emitted',
          outcome: 'pass',
          detail: `Emitted as ${ref}, a member of ${memberOf}.`,
        };
      }
      return {
        step: 'emitted',
        outcome: 'info',
        detail: `Not emitted yet: the last run applied (${
          s.emission.id
        }) did not have them as ${ref}${
          refInCatalog ? ` (the catalog holds them as ${refInCatalog})` : ''
        }; the next sync or re-apply emits it.`,
      };
    }
    if (refInCatalog) {
      const pending = await stores.approvals.pending(this.id);
      if (pending?.removals.some(r => r.entityRef === refInCatalog)) {
        return {
          step: 'emitted',
          outcome: 'info',
          detail: `Still in the catalog as ${refInCatalog}: removing them is held for an admin's approval with the other removals of run ${pending.runId} (Approvals tab).`,
        };
      }
      return {
        step: 'emitted',
        outcome: 'info',
        detail: `Still in the catalog as ${refInCatalog}: no run has applied this yet (the last was ${s.emission.id}); the next sync or re-apply removes the User.`,
      };
    }
    return {
      step: 'emitted',
      outcome: 'skip',
      detail: 'Not emitted: the sync creates no User for them.',
    };
  }
}

/** employee id → the User ref the catalog holds from the last applied run. */
const usersInCatalogMemo = new WeakMap<LoadedEmission, Map<string, string>>();

function usersInCatalog(emission: LoadedEmission): Map<string, string> {
  let users = usersInCatalogMemo.get(emission);
  if (!users) {
    users = new Map();
    for (const [ref, , , paycorId] of emission.value.entities) {
      if (paycorId && ref.startsWith('user:')) users.set(paycorId, ref);
    }
    usersInCatalogMemo.set(emission, users);
  }
  return users;
}

async function catalogStep(
  catalog: EngineContext['catalog'],
  ref: string | undefined,
  ourLocationKey: string,
): Promise<PersonTraceStep> {
  if (!ref) {
    return {
      step: 'catalog',
      outcome: 'skip',
      detail: 'The catalog has no User of this sync for them.',
    };
  }
  const state = await catalog.entityState(ref);
  if (!state) {
    return {
      step: 'catalog',
      outcome: 'info',
      detail: `The catalog's state of ${ref} could not be read.`,
    };
  }
  if (!state.exists) {
    return {
      step: 'catalog',
      outcome: 'info',
      detail: `The catalog does not know ${ref} yet; it appears once the catalog has processed the sync's change (usually within seconds).`,
    };
  }
  if (state.locationKey && state.locationKey !== ourLocationKey) {
    return {
      step: 'catalog',
      outcome: 'fail',
      detail: `The catalog's ${ref} comes from ${state.locationKey}, not from this sync.`,
    };
  }
  if (state.errors.length > 0) {
    return {
      step: 'catalog',
      outcome: 'fail',
      detail: `The catalog recorded ${
        state.errors.length === 1 ? 'an error' : `${state.errors.length} errors`
      } processing ${ref}: ${state.errors.join('; ')}`,
    };
  }
  if (!state.final) {
    return {
      step: 'catalog',
      outcome: 'info',
      detail: `The catalog has ${ref} but has not finished processing it; it is served once it has.`,
    };
  }
  return {
    step: 'catalog',
    outcome: 'pass',
    detail: `The catalog serves ${ref}${
      state.updatedAt ? `, last changed ${state.updatedAt}` : ''
    }, with no processing errors.`,
  };
}
