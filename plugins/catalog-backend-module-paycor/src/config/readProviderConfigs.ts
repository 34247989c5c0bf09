import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config, ConfigReader } from '@backstage/config';
import { describeValidationIssues } from '@paycor-backstage/plugin-paycor-common';
import { PaycorConfigError } from '../errors';
import { providerConfigSchema } from './schema';
import { PaycorProviderConfig } from './types';

/** Where each provider's config lives. */
export const CONFIG_ROOT = 'catalog.providers.paycor';

export { PAYCOR_HOSTS } from './schema';

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { hours: 1 },
  timeout: { minutes: 15 },
  initialDelay: { seconds: 15 },
};

// What Backstage accepts as a config key (letters first, single separators),
// at most 63 characters since the id is part of task and provider names.
const PROVIDER_ID = /^(?=.{1,63}$)[A-Za-z][A-Za-z0-9]*(?:[-_][A-Za-z0-9]+)*$/;

/**
 * Reads and validates every `catalog.providers.paycor.<id>` block. Throws one
 * PaycorConfigError naming every invalid key, so a platform team fixes their
 * config in one pass instead of one error per restart.
 */
export function readProviderConfigs(config: Config): PaycorProviderConfig[] {
  const root = config.getOptionalConfig(CONFIG_ROOT);
  if (!root) return [];

  const problems: string[] = [];
  const providers: PaycorProviderConfig[] = [];
  for (const id of root.keys()) {
    const path = `${CONFIG_ROOT}.${id}`;
    if (!PROVIDER_ID.test(id)) {
      problems.push(
        `${path}: the provider id must start with a letter and use letters, digits and single "-" or "_" (max 63)`,
      );
      continue;
    }
    const parsed = providerConfigSchema.safeParse(root.get(id));
    const schedule = readSchedule(root, id, problems);
    if (!parsed.success) {
      problems.push(
        describeValidationIssues(expandUnknownKeys(parsed.error.issues), path),
      );
      continue;
    }
    if (schedule) providers.push({ id, schedule, ...parsed.data });
  }
  if (problems.length > 0) {
    throw new PaycorConfigError(
      `Invalid Paycor provider configuration: ${problems.join('; ')}`,
    );
  }
  return providers;
}

/** The schedule, or undefined after recording why it is invalid. */
function readSchedule(
  root: Config,
  id: string,
  problems: string[],
): SchedulerServiceTaskScheduleDefinition | undefined {
  const path = `${CONFIG_ROOT}.${id}.schedule`;
  try {
    const scheduleConfig = root.getOptionalConfig(`${id}.schedule`);
    return scheduleConfig
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(scheduleConfig)
      : DEFAULT_SCHEDULE;
  } catch (error) {
    const message = (error as Error).message.replace(
      /^Invalid schedule[:,]?\s*/i,
      '',
    );
    problems.push(`${path}: ${message}`);
    return undefined;
  }
}

type Issue = {
  path: ReadonlyArray<PropertyKey>;
  message: string;
  code?: string;
  keys?: string[];
};

/** zod names unknown keys on their parent; name each key's own path instead. */
function expandUnknownKeys(issues: ReadonlyArray<Issue>): Issue[] {
  return issues.flatMap(issue =>
    issue.code === 'unrecognized_keys' && issue.keys
      ? issue.keys.map(key => ({
          path: [...issue.path, key],
          message: 'is not a known setting',
        }))
      : [issue],
  );
}

/** For tests and tools: read providers from a plain object. */
export function readProviderConfigsFromData(data: object) {
  return readProviderConfigs(new ConfigReader(data));
}
