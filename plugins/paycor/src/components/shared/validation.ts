/**
 * Turns zod issues into one message per form field (the first path segment),
 * e.g. `{ parent: 'must be a Group entity ref like group:default/name' }`.
 */
export function fieldErrors(
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const field = issue.path.length ? String(issue.path[0]) : '_form';
    if (!errors[field]) {
      errors[field] = issue.message;
    }
  }
  return errors;
}
