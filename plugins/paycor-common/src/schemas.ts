import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { z } from 'zod';
import { CONFLICT_TYPES } from './conflicts';

/**
 * Validation of the sync API's inputs. The backend enforces them; the frontend
 * uses them to validate forms before sending.
 */

const ENTITY_NAME = /^[a-zA-Z0-9]+(?:[-_.][a-zA-Z0-9]+)*$/;

const CONTROL_NAMES: Record<number, string> = {
  0x00: 'NUL',
  0x09: 'tab',
  0x0a: 'line feed',
  0x0d: 'carriage return',
};

/**
 * The first C0 control character (U+0000–U+001F) of `value` that text of its
 * kind may not hold, as `U+0000 (NUL)`; undefined when there is none.
 * Multi-line text (notes, descriptions) may hold tabs and line breaks.
 */
function forbiddenControlCharacter(
  value: string,
  multiLine: boolean,
): string | undefined {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 0x20) continue;
    if (multiLine && (code === 0x09 || code === 0x0a || code === 0x0d)) {
      continue;
    }
    const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
    const name = CONTROL_NAMES[code];
    return name ? `${hex} (${name})` : hex;
  }
  return undefined;
}

/**
 * Refuses control characters in free text. NUL cannot be stored at all
 * (PostgreSQL's text type has no room for it, so the request would fail with
 * a 500), and no other control character is ever typed on purpose into a
 * title, a name or a search; notes and descriptions may span lines.
 */
function refuseControlCharacters(kind: 'single-line' | 'multi-line') {
  return (value: string, ctx: z.RefinementCtx) => {
    const found = forbiddenControlCharacter(value, kind === 'multi-line');
    if (found) {
      ctx.addIssue({
        code: 'custom',
        message: `must not contain control characters (found ${found})`,
      });
    }
  };
}

/** A Group entity ref, normalised to `group:<namespace>/<name>`. @public */
export const groupRefSchema = z
  .string()
  .trim()
  .min(1, 'is required')
  .superRefine(refuseControlCharacters('single-line'))
  .transform((value, ctx) => {
    try {
      const ref = parseEntityRef(value, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      });
      if (ref.kind.toLocaleLowerCase('en-US') !== 'group') {
        ctx.addIssue({
          code: 'custom',
          message: `must refer to a Group, got kind "${ref.kind}"`,
        });
        return z.NEVER;
      }
      return stringifyEntityRef(ref);
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: 'must be a Group entity ref like group:default/name',
      });
      return z.NEVER;
    }
  });

const note = z
  .string()
  .trim()
  .max(500, 'must be at most 500 characters')
  .superRefine(refuseControlCharacters('multi-line'));

/** `PUT …/departments/:departmentId/parent` @public */
export const setParentRequestSchema = z.strictObject({
  parent: groupRefSchema,
  note: note.optional(),
});
/** @public */
export type SetParentRequest = z.input<typeof setParentRequestSchema>;

/** `POST …/approvals/:runId` @public */
export const approvalDecisionRequestSchema = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  note: note.optional(),
});
/** @public */
export type ApprovalDecisionRequest = z.input<
  typeof approvalDecisionRequestSchema
>;

/** `POST …/exclusions` @public */
export const exclusionRequestSchema = z
  .strictObject({
    kind: z.enum(['employee-id', 'email']),
    value: z
      .string()
      .trim()
      .min(1, 'is required')
      .max(320)
      .superRefine(refuseControlCharacters('single-line')),
    note: note.optional(),
  })
  .superRefine((body, ctx) => {
    if (body.kind === 'email' && !/^[^@\s]+@[^@\s]+$/.test(body.value)) {
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: 'must be an email address',
      });
    }
  });
/** @public */
export type ExclusionRequest = z.input<typeof exclusionRequestSchema>;

/** `POST …/groups` (admin-defined groups) @public */
export const adminGroupRequestSchema = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1, 'is required')
    .max(63, 'must be at most 63 characters')
    .regex(
      ENTITY_NAME,
      'must be letters and digits separated by single "-", "_" or "."',
    ),
  title: z
    .string()
    .trim()
    .min(1, 'is required')
    .max(100)
    .superRefine(refuseControlCharacters('single-line')),
  description: z
    .string()
    .trim()
    .max(500)
    .superRefine(refuseControlCharacters('multi-line'))
    .optional(),
  parent: groupRefSchema.optional(),
  type: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9-]{0,30}$/, 'must be a lowercase word like "division"')
    .default('division'),
});
/** @public */
export type AdminGroupRequest = z.input<typeof adminGroupRequestSchema>;

const limit = z.coerce.number().int().min(1).max(500).default(50);
const offset = z.coerce.number().int().min(0).max(1_000_000).default(0);

/** `GET …/runs` @public */
export const listRunsQuerySchema = z.strictObject({ limit, offset });

/** `GET …/conflicts` @public */
export const listConflictsQuerySchema = z.strictObject({
  type: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (!value) return undefined;
      const types = value.split(',').map(t => t.trim());
      for (const type of types) {
        if (!(CONFLICT_TYPES as readonly string[]).includes(type)) {
          ctx.addIssue({
            code: 'custom',
            message: `unknown conflict type "${type}"; expected one of ${CONFLICT_TYPES.join(
              ', ',
            )}`,
          });
          return z.NEVER;
        }
      }
      return types as (typeof CONFLICT_TYPES)[number][];
    }),
  status: z.enum(['open', 'resolved', 'all']).default('open'),
  q: z
    .string()
    .trim()
    .max(200)
    .superRefine(refuseControlCharacters('single-line'))
    .optional(),
  limit,
  offset,
});

/** `GET …/preview` @public */
export const previewQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(5000).default(200),
});

/**
 * Formats zod issues as one message that names every offending field, e.g.
 * `body.parent: must be a Group entity ref like group:default/name`.
 *
 * @public
 */
export function describeValidationIssues(
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>,
  root: string,
): string {
  return issues
    .map(issue => {
      const path = [root, ...issue.path.map(String)].join('.');
      return `${path}: ${issue.message}`;
    })
    .join('; ');
}
