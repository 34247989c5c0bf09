import { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { z } from 'zod';
import { providerConfigSchema } from './schema';

export {
  EMPLOYMENT_STATUSES,
  EMPLOYMENT_TYPES,
  LEAVE_STATUSES,
  SEPARATED_STATUSES,
} from './constants';
export type { EmploymentStatus } from './constants';

/**
 * One provider's validated config, with every default applied: what
 * `providerConfigSchema` produces (config.d.ts documents each key), plus the
 * provider id and its schedule, read by Backstage's own schedule reader.
 *
 * @public
 */
export type PaycorProviderConfig = {
  id: string;
  schedule: SchedulerServiceTaskScheduleDefinition;
} & z.output<typeof providerConfigSchema>;

/**
 * How a User's entity name is derived.
 * - `email-local-part`: `maria.okafor@x.com` → `maria.okafor` (matches Backstage's
 *   `emailLocalPartMatchingUserEntityName` sign-in resolver); the default.
 * - `email`: the whole address, `maria.okafor_x.com`.
 * - `employee-number`: `employee-1042`; never changes when a person's email or name does.
 * - `employee-id`: the Paycor employee GUID; never changes.
 * - `first-last`: `maria.okafor` from the name fields.
 * Employees without what the strategy needs fall back to `first-last`, then
 * `employee-number`, then `employee-id`.
 */
export type UserNamingStrategy = PaycorProviderConfig['userNaming'];

/**
 * How a department Group's entity name is derived.
 * - `name`: kebab-case of the department description (`customer-support`); default.
 * - `code`: `dept-110` from the department code; survives renames.
 * - `id`: the department GUID.
 */
export type GroupNamingStrategy =
  PaycorProviderConfig['groupNaming']['strategy'];

/** Who is synced (see config.d.ts). */
export type PaycorFilters = PaycorProviderConfig['filters'];
