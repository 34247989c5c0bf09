import { ResponseError } from '@backstage/errors';
import { errorMessage } from '../components/shared/errors';

/** A validation issue as zod reports it. */
export interface ValidationIssue {
  path: ReadonlyArray<PropertyKey>;
  message: string;
}

/**
 * Issues split into one message per form field (the first of each) and the
 * rest: issues on fields the form does not show, or on the whole request.
 */
export interface SplitIssues {
  byField: Record<string, string>;
  /** `kind: must be …; …` for the issues no field shows, if any */
  other?: string;
}

/**
 * Sorts validation issues onto the form's fields. An issue is a field's when
 * the first segment of its path names one of `fields`.
 */
export function issuesByField(
  issues: ReadonlyArray<ValidationIssue>,
  fields: ReadonlyArray<string>,
): SplitIssues {
  const byField: Record<string, string> = {};
  const other: string[] = [];
  for (const issue of issues) {
    const field = issue.path.length > 0 ? String(issue.path[0]) : undefined;
    if (field !== undefined && fields.includes(field)) {
      byField[field] ??= issue.message;
    } else {
      const path = issue.path.map(String).join('.');
      other.push(path ? `${path}: ${issue.message}` : issue.message);
    }
  }
  return other.length > 0 ? { byField, other: other.join('; ') } : { byField };
}

// One part of the server's 400 for a body it refuses, as
// describeValidationIssues (paycor-common) writes it: `body.parent: message`.
const BODY_FIELD_ISSUE = /^body\.([^.:\s]+)(?:\.[^:]*)?: ([\s\S]+)$/;

/**
 * The field errors of a 400 the server sends for a request body it refuses
 * (`body.parent: must be …; body.note: …`), when every issue in it names one
 * of `fields`; otherwise undefined, and the caller shows the whole message.
 */
export function serverFieldErrors(
  error: unknown,
  fields: ReadonlyArray<string>,
): Record<string, string> | undefined {
  if (!ResponseError.is(error) || error.statusCode !== 400) {
    return undefined;
  }
  const byField: Record<string, string> = {};
  for (const part of errorMessage(error).split(/; (?=body\.)/)) {
    const match = BODY_FIELD_ISSUE.exec(part);
    if (!match || !fields.includes(match[1])) {
      return undefined;
    }
    byField[match[1]] ??= match[2];
  }
  return byField;
}
