import { Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import DeleteIcon from '@material-ui/icons/Delete';
import { Exclusion } from '@paycor-backstage/plugin-paycor-common';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { paycorSyncApiRef } from '../../api';
import { usePaycorPermissions } from '../../hooks';
import { EntityRefOrText, LoadError, RelativeTime } from '../shared';
import { AddExclusionForm } from './AddExclusionForm';
import { RemoveExclusionDialog } from './RemoveExclusionDialog';

const KIND_TITLES: Record<Exclusion['kind'], string> = {
  'employee-id': 'Employee id',
  email: 'Email',
};

/**
 * People the sync ignores, by email or Paycor employee id: list, add, remove.
 */
export function ExclusionsTab(props: { providerId: string }) {
  const { providerId } = props;
  const api = useApi(paycorSyncApiRef);
  const { canManage } = usePaycorPermissions();
  const [removing, setRemoving] = useState<Exclusion>();
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.listExclusions(providerId),
    [api, providerId],
  );

  const columns: TableColumn<Exclusion>[] = [
    {
      title: 'Kind',
      field: 'kind',
      render: x => KIND_TITLES[x.kind] ?? x.kind,
    },
    { title: 'Value', field: 'value' },
    { title: 'Note', field: 'note', render: x => x.note ?? '' },
    {
      title: 'Added by',
      field: 'createdBy',
      render: x => <EntityRefOrText value={x.createdBy} defaultKind="user" />,
    },
    {
      title: 'Added',
      field: 'createdAt',
      render: x => <RelativeTime value={x.createdAt} />,
    },
    {
      title: 'Actions',
      sorting: false,
      render: x =>
        canManage ? (
          <Tooltip title="Sync this person again">
            <IconButton
              size="small"
              aria-label={`Remove exclusion ${x.value}`}
              onClick={() => setRemoving(x)}
            >
              <DeleteIcon fontSize="small" />
            </IconButton>
          </Tooltip>
        ) : null,
    },
  ];

  return (
    <>
      <AddExclusionForm
        providerId={providerId}
        canManage={canManage}
        onAdded={retry}
      />
      {error ? (
        <LoadError error={error} title="Could not load the exclusions" />
      ) : (
        <Table<Exclusion>
          title="Exclusions"
          columns={columns}
          data={value?.items ?? []}
          isLoading={loading}
          options={{
            search: (value?.items.length ?? 0) > 10,
            paging: (value?.items.length ?? 0) > 20,
            pageSize: 20,
            padding: 'dense',
            emptyRowsWhenPaging: false,
          }}
          emptyContent={
            <Typography variant="body2" style={{ padding: 16 }}>
              Nobody is excluded: everyone the filters select is synced.
            </Typography>
          }
        />
      )}
      {removing && (
        <RemoveExclusionDialog
          providerId={providerId}
          exclusion={removing}
          onClose={() => setRemoving(undefined)}
          onRemoved={() => {
            setRemoving(undefined);
            retry();
          }}
        />
      )}
    </>
  );
}
