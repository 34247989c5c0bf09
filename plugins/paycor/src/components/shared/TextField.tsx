import MuiTextField, { TextFieldProps } from '@material-ui/core/TextField';
import { useId } from 'react';

/**
 * Material UI's TextField with an id always set: without one, v4 does not tie
 * the label to the input (nor a select's label to its button), and the field
 * has no accessible name.
 */
export function TextField(props: TextFieldProps) {
  const generated = useId();
  return <MuiTextField {...props} id={props.id ?? generated} />;
}
