import CircularProgress from '@material-ui/core/CircularProgress';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { useMemo } from 'react';
import { GroupOption } from '../../hooks/useGroupOptions';
import { TextField, errorMessage } from '../shared';

const groupOf = (option: GroupOption) =>
  option.source === 'admin'
    ? 'Defined here, not in the catalog yet'
    : option.type ?? 'group';

/**
 * Picks a Group entity ref from the catalog's Groups. When the catalog cannot
 * be read, falls back to typing the entity ref.
 */
export function GroupPicker(props: {
  label: string;
  value: string;
  onChange: (entityRef: string) => void;
  options: GroupOption[];
  loading: boolean;
  loadError?: Error;
  error?: string;
  helperText?: string;
  autoFocus?: boolean;
  required?: boolean;
}) {
  const {
    label,
    value,
    onChange,
    options,
    loading,
    loadError,
    error,
    helperText,
    autoFocus,
    required,
  } = props;

  const sorted = useMemo(
    () =>
      [...options].sort(
        (a, b) =>
          groupOf(a).localeCompare(groupOf(b), 'en-US') ||
          a.title.localeCompare(b.title, 'en-US'),
      ),
    [options],
  );

  if (loadError) {
    return (
      <TextField
        label={label}
        value={value}
        onChange={event => onChange(event.target.value)}
        // a dialog moves focus to its first field (WAI-ARIA dialog pattern)
        // eslint-disable-next-line jsx-a11y/no-autofocus
        autoFocus={autoFocus}
        required={required}
        fullWidth
        margin="dense"
        variant="outlined"
        error={Boolean(error)}
        helperText={
          error ??
          `Could not list the catalog's Groups (${errorMessage(
            loadError,
          )}); type an entity ref like group:default/name`
        }
      />
    );
  }

  const selected =
    options.find(
      o =>
        o.entityRef.toLocaleLowerCase('en-US') ===
        value.toLocaleLowerCase('en-US'),
    ) ?? null;

  return (
    <Autocomplete<GroupOption>
      options={sorted}
      value={selected}
      loading={loading}
      onChange={(_event, option) => onChange(option?.entityRef ?? '')}
      getOptionLabel={option => `${option.title} (${option.entityRef})`}
      getOptionSelected={(option, current) =>
        option.entityRef === current.entityRef
      }
      groupBy={groupOf}
      renderInput={params => (
        <TextField
          {...params}
          label={label}
          // a dialog moves focus to its first field (WAI-ARIA dialog pattern)
          // eslint-disable-next-line jsx-a11y/no-autofocus
          autoFocus={autoFocus}
          required={required}
          margin="dense"
          variant="outlined"
          error={Boolean(error)}
          helperText={error ?? helperText}
          InputProps={{
            ...params.InputProps,
            endAdornment: (
              <>
                {loading ? (
                  <CircularProgress color="inherit" size={18} />
                ) : null}
                {params.InputProps.endAdornment}
              </>
            ),
          }}
        />
      )}
    />
  );
}
