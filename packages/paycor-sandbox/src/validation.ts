import type { z } from 'zod';
import { SandboxInputError } from './errors';

/**
 * Parses with a zod schema, turning failures into a SandboxInputError whose issues name
 * each offending field by its dotted path (prefixed with `fieldPrefix` when given).
 */
export function parseInput<T extends z.ZodType>(
  schema: T,
  input: unknown,
  fieldPrefix = '',
): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new SandboxInputError(
    result.error.issues.slice(0, 20).map(issue => {
      const path = [fieldPrefix, ...issue.path.map(String)].filter(Boolean);
      const unknownKeys =
        issue.code === 'unrecognized_keys' ? issue.keys : undefined;
      return {
        field: unknownKeys
          ? [...path, unknownKeys[0]].join('.')
          : path.join('.'),
        message: issue.message,
      };
    }),
  );
}
