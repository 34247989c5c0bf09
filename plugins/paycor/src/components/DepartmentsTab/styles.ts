import { makeStyles } from '@material-ui/core/styles';

/** The look the tab's sections and rows share. */
export const useDepartmentsStyles = makeStyles(theme => ({
  section: {
    marginBottom: theme.spacing(2),
  },
  sectionTitle: {
    padding: theme.spacing(1.5, 2),
    borderBottom: `1px solid ${theme.palette.divider}`,
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
  },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
    padding: theme.spacing(1.25, 2),
    borderBottom: `1px solid ${theme.palette.divider}`,
    '&:last-child': {
      borderBottom: 'none',
    },
  },
  info: {
    flex: '1 1 420px',
    minWidth: 0,
  },
  line: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
  detail: {
    color: theme.palette.text.secondary,
    marginTop: theme.spacing(0.5),
  },
  actions: {
    display: 'flex',
    gap: theme.spacing(1),
    flexShrink: 0,
  },
  problem: {
    marginTop: theme.spacing(1),
  },
}));

/** How far each level of the tree is indented. */
export const INDENT_PX = 28;

/** Ends every notice of a change: when the catalog shows it. */
export const REAPPLY_NOTE =
  'The catalog reflects it after the re-apply run, within seconds.';
