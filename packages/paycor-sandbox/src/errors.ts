/**
 * Errors of the sandbox's own surface (library calls and the `/_sandbox` control API).
 * Paycor-facing errors live in `http/errors.ts`; these never reach a Paycor client.
 */

/** @public */
export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `employees.3.statusData.status`. */
  field: string;
  message: string;
}

/**
 * Bad input to a control method or a fixture: maps to HTTP 400.
 *
 * @public
 */
export class SandboxInputError extends Error {
  readonly name = 'SandboxInputError';
  readonly issues: FieldIssue[];

  constructor(issues: FieldIssue[]) {
    super(
      issues
        .map(issue => `${issue.field || '(body)'}: ${issue.message}`)
        .join('; '),
    );
    this.issues = issues;
  }

  get field(): string {
    return this.issues[0]?.field ?? '';
  }

  static forField(field: string, message: string): SandboxInputError {
    return new SandboxInputError([{ field, message }]);
  }
}

/**
 * A control method named an employee/department that does not exist: maps to HTTP 404.
 *
 * @public
 */
export class SandboxNotFoundError extends Error {
  readonly name = 'SandboxNotFoundError';

  constructor(readonly resource: string, readonly id: string) {
    super(`No ${resource} with id '${id}'`);
  }
}
