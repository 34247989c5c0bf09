import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Chip from '@material-ui/core/Chip';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { DepartmentView } from '@paycor-backstage/plugin-paycor-common';
import { DepartmentRow } from './DepartmentRow';
import { DepartmentSection } from './departmentSections';
import { useDepartmentsStyles } from './styles';

/**
 * The departments under one Group outside the tree, as a titled card: the
 * Group (marked when it is defined here) and the rows of its subtree.
 */
export function DepartmentSectionCard(props: {
  providerId: string;
  section: DepartmentSection;
  /** the Group is an admin group of this connection */
  definedHere: boolean;
  canManage: boolean;
  onRehome: (department: DepartmentView) => void;
  onChanged: () => void;
}) {
  const { providerId, section, definedHere, canManage, onRehome, onChanged } =
    props;
  const classes = useDepartmentsStyles();
  const { parentRef } = section;
  return (
    <Paper
      className={classes.section}
      component="section"
      aria-label={
        parentRef ? `Under ${parentRef}` : 'Departments without a Group'
      }
    >
      <div className={classes.sectionTitle}>
        <Typography variant="h6" component="h3">
          {parentRef ? (
            <>
              Under <EntityRefLink entityRef={parentRef} />
            </>
          ) : (
            'Not in the catalog (no synced members)'
          )}
        </Typography>
        {definedHere && <Chip size="small" label="Defined here" />}
      </div>
      <ul className={classes.list}>
        {section.rows.map(({ department, depth }) => (
          <DepartmentRow
            key={department.id}
            providerId={providerId}
            department={department}
            depth={depth}
            canManage={canManage}
            onRehome={() => onRehome(department)}
            onChanged={onChanged}
          />
        ))}
      </ul>
    </Paper>
  );
}
