import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  PAYCOR_ANNOTATIONS,
  RELATION_REPORTS_TO,
} from '@paycor-backstage/plugin-paycor-common';
import { useCallback, useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';

/** What the card shows of each person: name, title, their manager and why a line ends. */
export const PERSON_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.description',
  'metadata.annotations',
  'spec.profile.displayName',
];

/** A line longer than this is cut (a safety net: the sync never emits loops). */
export const MAX_CHAIN = 30;

/** The manager a User names: its reportsTo relation, else the annotation. */
export function managerRefOf(entity: Entity): string | undefined {
  const relation = entity.relations?.find(r => r.type === RELATION_REPORTS_TO);
  if (relation) return relation.targetRef;
  const annotation =
    entity.metadata.annotations?.[PAYCOR_ANNOTATIONS.managerRef];
  if (!annotation) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(annotation, {
        defaultKind: 'user',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    );
  } catch {
    return undefined;
  }
}

/**
 * The managers above `entity`, from the top of the company down to its own
 * manager: one catalog request per level (with only the fields the card
 * shows), following each manager's own manager. A manager the catalog does
 * not hold (yet) ends the list; `missing` says which.
 */
export function useManagerChain(entity: Entity) {
  const catalogApi = useApi(catalogApiRef);
  const start = managerRefOf(entity);
  const self = stringifyEntityRef(entity);
  return useAsync(async () => {
    const chain: Entity[] = [];
    const seen = new Set([self]);
    let next = start;
    let missing: string | undefined;
    while (next && !seen.has(next) && chain.length < MAX_CHAIN) {
      seen.add(next);
      const { items } = await catalogApi.getEntitiesByRefs({
        entityRefs: [next],
        fields: PERSON_FIELDS,
      });
      const manager = items[0];
      if (!manager) {
        missing = next;
        break;
      }
      chain.unshift(manager);
      next = managerRefOf(manager);
    }
    return { chain, missing };
  }, [catalogApi, start, self]);
}

export interface DirectReports {
  items: Entity[];
  total: number;
  loading: boolean;
  error?: Error;
  /** loads the next page; undefined when everything is loaded */
  loadMore?: () => void;
}

/**
 * The Users reporting to `ref`, a page at a time, by one catalog query on
 * the relation (`relations.reportsTo=<ref>`): 1 or 500 reports cost the same
 * first request, and no report is fetched on its own.
 */
export function useDirectReports(ref: string, pageSize = 10): DirectReports {
  const catalogApi = useApi(catalogApiRef);
  const [state, setState] = useState<{
    items: Entity[];
    total: number;
    cursor?: string;
    loading: boolean;
    error?: Error;
  }>({ items: [], total: 0, loading: true });

  useEffect(() => {
    let cancelled = false;
    setState({ items: [], total: 0, loading: true });
    catalogApi
      .queryEntities({
        filter: { kind: 'user', [`relations.${RELATION_REPORTS_TO}`]: ref },
        fields: PERSON_FIELDS,
        orderFields: { field: 'spec.profile.displayName', order: 'asc' },
        limit: pageSize,
      })
      .then(
        response =>
          !cancelled &&
          setState({
            items: response.items,
            total: response.totalItems,
            cursor: response.pageInfo.nextCursor,
            loading: false,
          }),
        error =>
          !cancelled &&
          setState({ items: [], total: 0, loading: false, error }),
      );
    return () => {
      cancelled = true;
    };
  }, [catalogApi, ref, pageSize]);

  const { cursor } = state;
  const loadMore = useCallback(() => {
    if (!cursor) return;
    setState(s => ({ ...s, loading: true }));
    catalogApi
      .queryEntities({ cursor, fields: PERSON_FIELDS, limit: pageSize })
      .then(
        response =>
          setState(s => ({
            items: [...s.items, ...response.items],
            total: s.total,
            cursor: response.pageInfo.nextCursor,
            loading: false,
          })),
        error => setState(s => ({ ...s, loading: false, error })),
      );
  }, [catalogApi, cursor, pageSize]);

  return {
    items: state.items,
    total: state.total,
    loading: state.loading,
    error: state.error,
    loadMore: cursor && !state.loading ? loadMore : undefined,
  };
}
