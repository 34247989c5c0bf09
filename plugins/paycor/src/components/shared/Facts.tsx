import { makeStyles } from '@material-ui/core/styles';
import { ReactNode } from 'react';

const useStyles = makeStyles(theme => ({
  facts: {
    display: 'grid',
    gridTemplateColumns: 'minmax(8rem, max-content) 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.75),
    margin: 0,
    '& dt': {
      color: theme.palette.text.secondary,
      fontWeight: theme.typography.fontWeightMedium as number,
    },
    '& dd': {
      margin: 0,
      minWidth: 0,
      overflowWrap: 'anywhere',
    },
  },
}));

/** A label/value list (`<dl>`); items without a value are left out. */
export function Facts(props: {
  items: Array<{ label: string; value: ReactNode | undefined }>;
  'aria-label'?: string;
}) {
  const classes = useStyles();
  return (
    <dl className={classes.facts} aria-label={props['aria-label']}>
      {props.items
        .filter(
          item =>
            item.value !== undefined &&
            item.value !== null &&
            item.value !== '',
        )
        .map(item => (
          <div key={item.label} style={{ display: 'contents' }}>
            <dt>{item.label}</dt>
            <dd>{item.value}</dd>
          </div>
        ))}
    </dl>
  );
}
