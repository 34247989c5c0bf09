import { PaycorProviderConfig } from '../config/types';
import {
  createCalendar,
  datingDay,
  employmentSkipReason,
  resolveTimeZone,
  statusPolicy,
} from './dating';
import { DepartmentTree } from './departmentTree';
import { PreparedEmployee } from './employees';
import { createDepartmentFilter, createEmployeeFilter } from './filters';
import { ExclusionRule, PaycorLegalEntityRecord, SkipReason } from './types';

/**
 * Why a listed employee who is not synced is not: the same checks, in the
 * same order, as `screenEmployees` and `selectPeople` make (dates and
 * status, then config's and an admin's exclusions, then config's filters);
 * someone who passes them all lost their work email to a colleague.
 *
 * For the few people a caller asks about (a manager who is not synced), so
 * the people stage does not keep a reason for everyone it skipped.
 */
export function createNotSyncedExplainer(input: {
  config: PaycorProviderConfig;
  tree: DepartmentTree;
  legalEntity: PaycorLegalEntityRecord;
  exclusions: readonly ExclusionRule[];
  now: Date;
}): (prepared: PreparedEmployee) => SkipReason {
  const { config, tree } = input;
  const calendar = createCalendar(
    resolveTimeZone(config.timeZone, input.legalEntity.timeZone),
  );
  const policy = statusPolicy(config);
  const day = datingDay(calendar, policy, input.now.getTime());
  const filter = createEmployeeFilter(
    config.filters ?? {},
    input.exclusions,
    createDepartmentFilter(config.filters?.departments, tree),
    tree,
  );
  return prepared =>
    employmentSkipReason(prepared, prepared.status, day, policy) ??
    filter(prepared.employee, prepared.emailKey) ??
    'duplicate-email';
}
