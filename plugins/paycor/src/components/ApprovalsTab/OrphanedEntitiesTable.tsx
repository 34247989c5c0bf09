import { Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  HeldRemoval,
  OrphanedEntity,
} from '@paycor-backstage/plugin-paycor-common';

/** The entities held removals would orphan, one row per entity and owner. */
export function orphansOf(removals: HeldRemoval[]): OrphanedEntity[] {
  return removals.flatMap(removal =>
    (removal.orphans ?? []).map(orphan => ({
      ...orphan,
      owner: removal.entityRef,
      ...(removal.suggestedOwner
        ? { suggestedOwner: removal.suggestedOwner }
        : {}),
    })),
  );
}

const columns: TableColumn<OrphanedEntity>[] = [
  {
    title: 'Entity',
    field: 'entityRef',
    render: o => <EntityRefLink entityRef={o.entityRef} />,
  },
  { title: 'Kind', field: 'kind' },
  { title: 'Title', field: 'title', render: o => o.title ?? '—' },
  {
    title: 'Owned by (removed)',
    field: 'owner',
    render: o => <EntityRefLink entityRef={o.owner} />,
  },
  {
    title: 'Suggested new owner',
    field: 'suggestedOwner',
    render: o =>
      o.suggestedOwner ? <EntityRefLink entityRef={o.suggestedOwner} /> : '—',
  },
];

/**
 * Catalog entities (Components, APIs, Systems, …) that removals would leave
 * without an existing owner, with the Group suggested to own them instead:
 * the removed person's department (or a removed Group's parent).
 */
export function OrphanedEntitiesTable(props: {
  orphaned: OrphanedEntity[];
  /** more than listed (the server cuts lists) */
  total?: number;
}) {
  const { orphaned, total } = props;
  const entities = new Set(orphaned.map(o => o.entityRef)).size;
  return (
    <Table<OrphanedEntity>
      title={`Left without an owner (${total ?? entities})`}
      subtitle="Give each a new owner (the suggested Group, for example) in its catalog-info.yaml before approving, or approve and re-home them afterwards."
      columns={columns}
      data={orphaned}
      options={{
        search: orphaned.length > 10,
        paging: orphaned.length > 10,
        pageSize: 10,
        padding: 'dense',
        emptyRowsWhenPaging: false,
      }}
    />
  );
}
