import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { AdminGroup } from '@paycor-backstage/plugin-paycor-common';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';

/**
 * A Group an admin may pick as a parent.
 *
 * @public
 */
export interface GroupOption {
  /** `group:<namespace>/<name>` */
  entityRef: string;
  title: string;
  type?: string;
  /** `admin` for groups defined in the sync page and not yet in the catalog */
  source: 'catalog' | 'admin';
}

/**
 * Every Group in the catalog (Paycor departments, hand-written Groups, admin
 * groups), plus admin-defined groups the catalog has not picked up yet. Loaded
 * only when `enabled`.
 *
 * @public
 */
export function useGroupOptions(
  enabled: boolean,
  adminGroups: AdminGroup[] = [],
): { options: GroupOption[]; loading: boolean; error?: Error } {
  const catalogApi = useApi(catalogApiRef);
  const { value, loading, error } = useAsync(async () => {
    if (!enabled) return undefined;
    const response = await catalogApi.getEntities({
      filter: { kind: 'group' },
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
        'spec.type',
        'spec.profile.displayName',
      ],
    });
    return response.items;
  }, [catalogApi, enabled]);

  const options = useMemo(() => {
    const seen = new Map<string, GroupOption>();
    for (const entity of value ?? []) {
      const entityRef = stringifyEntityRef({
        kind: 'group',
        namespace: entity.metadata.namespace,
        name: entity.metadata.name,
      });
      const spec = (entity.spec ?? {}) as {
        type?: string;
        profile?: { displayName?: string };
      };
      seen.set(entityRef.toLocaleLowerCase('en-US'), {
        entityRef,
        title:
          spec.profile?.displayName ??
          entity.metadata.title ??
          entity.metadata.name,
        type: spec.type,
        source: 'catalog',
      });
    }
    for (const group of adminGroups) {
      const key = group.entityRef.toLocaleLowerCase('en-US');
      if (!seen.has(key)) {
        seen.set(key, {
          entityRef: group.entityRef,
          title: group.title,
          type: group.type,
          source: 'admin',
        });
      }
    }
    return [...seen.values()].sort((a, b) =>
      a.title.localeCompare(b.title, 'en-US'),
    );
  }, [value, adminGroups]);

  return { options, loading, error };
}
