import { DepartmentView } from '@paycor-backstage/plugin-paycor-common';
import { EntityRefOrText, formatExact } from '../shared';

/**
 * Where a department hangs: its Paycor parent, or the re-home with who set
 * it (or app-config), when, the Paycor parent it replaces and the note.
 */
export function ParentDetails(props: { department: DepartmentView }) {
  const { department } = props;
  const override = department.override;
  if (!override) {
    return <>Paycor parent</>;
  }
  return (
    <>
      Under <EntityRefOrText value={override.parent} defaultKind="group" />
      {override.source === 'config' ? (
        <> · set in app-config (departmentParents)</>
      ) : (
        <>
          {' '}
          by <EntityRefOrText
            value={override.setBy}
            defaultKind="user"
          /> on {formatExact(override.setAt)}
        </>
      )}
      {department.paycorParentRef && (
        <>
          {' '}
          · Paycor parent:{' '}
          <EntityRefOrText
            value={department.paycorParentRef}
            defaultKind="group"
          />
        </>
      )}
      {override.note && <> · “{override.note}”</>}
    </>
  );
}
