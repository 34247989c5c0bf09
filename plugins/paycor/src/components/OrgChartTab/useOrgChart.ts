import { useApi } from '@backstage/core-plugin-api';
import { OrgChartPerson } from '@paycor-backstage/plugin-paycor-common';
import { useCallback, useEffect, useRef, useState } from 'react';
import { paycorSyncApiRef } from '../../api';

/** The key of the top of the company (the people without a synced manager). */
export const TOP = '';

/** The loaded part of one person's (or the top's) direct reports. */
export interface Branch {
  ids: string[];
  total: number;
  loading: boolean;
  error?: Error;
}

export interface OrgChartState {
  people: ReadonlyMap<string, OrgChartPerson>;
  branches: ReadonlyMap<string, Branch>;
  expanded: ReadonlySet<string>;
  /** the person jumped to, shown highlighted */
  focus?: string;
  /** synced people in the chart */
  peopleCount?: number;
  snapshotAt?: string;
  /** loading the top or a focused person failed */
  error?: Error;
}

/**
 * The org chart, loaded as it is opened: the top first, then one page of a
 * person's direct reports when they are expanded (`pageSize` at a time), so
 * a 10k-person org renders the few dozen people on screen, never all of
 * them. Jumping to a person loads their managers' pages in parallel and
 * opens the path down to them, inserting them where they fall outside the
 * first page.
 */
export function useOrgChart(providerId: string, pageSize = 50) {
  const api = useApi(paycorSyncApiRef);
  const [state, setState] = useState<OrgChartState>({
    people: new Map(),
    branches: new Map(),
    expanded: new Set([TOP]),
  });
  const latest = useRef(state);
  latest.current = state;

  const fetchPage = useCallback(
    (key: string, offset: number) =>
      api.getOrgChart(providerId, {
        ...(key === TOP ? {} : { person: key }),
        limit: pageSize,
        offset,
      }),
    [api, providerId, pageSize],
  );

  /** Loads (the next page of) one branch. */
  const load = useCallback(
    async (key: string) => {
      const current = latest.current.branches.get(key);
      if (current?.loading) return;
      const offset = current?.ids.length ?? 0;
      setState(s => ({
        ...s,
        branches: new Map(s.branches).set(key, {
          ids: current?.ids ?? [],
          total: current?.total ?? 0,
          loading: true,
        }),
      }));
      try {
        const view = await fetchPage(key, offset);
        setState(s => {
          const people = new Map(s.people);
          for (const p of view.reports.items) people.set(p.employeeId, p);
          if (view.person) people.set(view.person.employeeId, view.person);
          const before = s.branches.get(key)?.ids ?? [];
          const ids = [
            ...before,
            ...view.reports.items
              .map(p => p.employeeId)
              .filter(id => !before.includes(id)),
          ];
          return {
            ...s,
            people,
            peopleCount: view.peopleCount,
            snapshotAt: view.snapshotAt,
            branches: new Map(s.branches).set(key, {
              ids,
              total: view.reports.totalCount,
              loading: false,
            }),
          };
        });
      } catch (error) {
        setState(s => ({
          ...s,
          ...(key === TOP ? { error: error as Error } : {}),
          branches: new Map(s.branches).set(key, {
            ids: current?.ids ?? [],
            total: current?.total ?? 0,
            loading: false,
            error: error as Error,
          }),
        }));
      }
    },
    [fetchPage],
  );

  const toggle = useCallback(
    (id: string) => {
      const open = latest.current.expanded.has(id);
      setState(s => {
        const expanded = new Set(s.expanded);
        if (open) expanded.delete(id);
        else expanded.add(id);
        return { ...s, expanded };
      });
      if (!open && !latest.current.branches.has(id)) load(id);
    },
    [load],
  );

  /** Opens the path from the top down to `employeeId` and highlights them. */
  const focus = useCallback(
    async (employeeId: string) => {
      try {
        const view = await fetchPage(employeeId, 0);
        const path = [TOP, ...view.chain.map(m => m.employeeId)];
        const pages = await Promise.all(path.map(key => fetchPage(key, 0)));
        setState(s => {
          const people = new Map(s.people);
          const branches = new Map(s.branches);
          const remember = (p: OrgChartPerson) => people.set(p.employeeId, p);
          view.chain.forEach(remember);
          if (view.person) remember(view.person);
          pages.forEach((page, i) => {
            page.reports.items.forEach(remember);
            const ids = page.reports.items.map(p => p.employeeId);
            // the next person on the path, where the first page left them out
            const next = path[i + 1] ?? view.person?.employeeId;
            if (next && !ids.includes(next)) ids.unshift(next);
            const known = s.branches.get(path[i]);
            branches.set(path[i], {
              ids:
                known && !known.loading && known.ids.length > ids.length
                  ? [...new Set([...ids, ...known.ids])]
                  : ids,
              total: page.reports.totalCount,
              loading: false,
            });
          });
          branches.set(employeeId, {
            ids: view.reports.items.map(p => p.employeeId),
            total: view.reports.totalCount,
            loading: false,
          });
          view.reports.items.forEach(remember);
          return {
            ...s,
            people,
            branches,
            expanded: new Set([...s.expanded, ...path, employeeId]),
            focus: employeeId,
            peopleCount: view.peopleCount,
            snapshotAt: view.snapshotAt,
            error: undefined,
          };
        });
      } catch (error) {
        setState(s => ({ ...s, error: error as Error }));
      }
    },
    [fetchPage],
  );

  useEffect(() => {
    load(TOP);
  }, [load]);

  return { state, load, toggle, focus };
}
