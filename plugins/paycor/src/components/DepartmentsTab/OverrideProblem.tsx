import { DepartmentView } from '@paycor-backstage/plugin-paycor-common';

/** Why a department's re-home could not be applied, and what to do. */
export function OverrideProblem(props: { department: DepartmentView }) {
  const { department } = props;
  const target = department.override?.parent ?? 'the chosen Group';
  if (department.overrideProblem === 'target-missing') {
    return (
      <>
        The re-home target {target} is not in the catalog, so {department.name}{' '}
        kept its Paycor parent. Create that Group or re-home elsewhere.
      </>
    );
  }
  return (
    <>
      Re-homing under {target} would make {department.name} its own ancestor, so
      it kept its Paycor parent. Choose another Group.
    </>
  );
}
