import { useCallback, useRef, useState } from 'react';
import useMountedState from 'react-use/esm/useMountedState';
import {
  ValidationIssue,
  issuesByField,
  serverFieldErrors,
} from './formErrors';
import { useSuccessToast } from './useSuccessToast';

/**
 * What the hook needs of a request schema: `safeParse`, as paycor-common's
 * zod schemas have it. Those are the rules the server applies, so a form
 * names a bad field before sending and sends the normalised value.
 */
export interface RequestSchema<TRequest> {
  safeParse(
    input: unknown,
  ):
    | { success: true; data: TRequest }
    | { success: false; error: { issues: ReadonlyArray<ValidationIssue> } };
}

/** How a form turns its values into a call and what follows the call. */
export interface FormActionOptions<TRequest, TResult> {
  /**
   * Validates the form's values into the request. Without it the values go
   * to `run` as they are (actions without input pass none).
   */
  schema?: RequestSchema<TRequest>;
  /**
   * The fields the form shows an error under. Errors on them (from the
   * schema, or a 400 of the server naming `body.<field>`) go under the field;
   * any other error is the form's `error`.
   */
  fields?: ReadonlyArray<string>;
  /** Sends the request. */
  run(request: TRequest): Promise<TResult>;
  /** The success toast's text, if any. */
  successMessage?(result: TResult, request: TRequest): string;
  /** What follows success: close the dialog, clear the form, reload a list. */
  onSuccess?(result: TResult, request: TRequest): void;
}

/** A form's submit function and what to show for it. */
export interface FormAction {
  /** Validates, sends, then toasts and calls `onSuccess`; once at a time. */
  submit(values?: Record<string, unknown>): Promise<void>;
  /** True while the request is out: disable the submit button. */
  pending: boolean;
  /** One message per field in `fields`. */
  fieldErrors: Partial<Record<string, string>>;
  /** A failure no field explains, to show with the form (undefined if none). */
  error: unknown;
}

interface State {
  pending: boolean;
  fieldErrors: Record<string, string>;
  error: unknown;
}

const IDLE: State = { pending: false, fieldErrors: {}, error: undefined };

/**
 * The submit logic every form and confirmation of the plugin shares:
 * validate, send, show what went wrong where it belongs, and on success
 * toast and move on (close, refresh).
 */
export function useFormAction<TRequest = void, TResult = unknown>(
  options: FormActionOptions<TRequest, TResult>,
): FormAction {
  const [state, setState] = useState<State>(IDLE);
  const toast = useSuccessToast();
  const isMounted = useMountedState();
  const pendingRef = useRef(false);
  // the latest callbacks, so `submit` stays the same function across renders
  const optionsRef = useRef(options);
  optionsRef.current = options;

  const submit = useCallback(
    async (values: Record<string, unknown> = {}) => {
      if (pendingRef.current) return;
      const {
        schema,
        fields = [],
        run,
        successMessage,
        onSuccess,
      } = optionsRef.current;

      let request: TRequest;
      if (schema) {
        const parsed = schema.safeParse(values);
        if (!parsed.success) {
          const { byField, other } = issuesByField(parsed.error.issues, fields);
          setState({
            pending: false,
            fieldErrors: byField,
            error: other === undefined ? undefined : new Error(other),
          });
          return;
        }
        request = parsed.data;
      } else {
        request = values as unknown as TRequest;
      }

      pendingRef.current = true;
      setState({ pending: true, fieldErrors: {}, error: undefined });
      let result: TResult;
      try {
        result = await run(request);
      } catch (error) {
        pendingRef.current = false;
        if (isMounted()) {
          const byField = serverFieldErrors(error, fields);
          setState({
            pending: false,
            fieldErrors: byField ?? {},
            error: byField ? undefined : error,
          });
        }
        return;
      }
      pendingRef.current = false;
      // success often unmounts the form (a dialog closes)
      if (isMounted()) setState(IDLE);
      const message = successMessage?.(result, request);
      if (message) toast(message);
      onSuccess?.(result, request);
    },
    [toast, isMounted],
  );

  return {
    submit,
    pending: state.pending,
    fieldErrors: state.fieldErrors,
    error: state.error,
  };
}
