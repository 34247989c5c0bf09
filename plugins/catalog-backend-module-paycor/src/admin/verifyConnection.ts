import {
  VerifyResult,
  VerifyStep,
} from '@paycor-backstage/plugin-paycor-common';
import { PaycorClient } from '../client/PaycorClient';
import { TokenManager } from '../client/TokenManager';
import { PaycorApiError } from '../errors';

/** Which Data Access scope each part of the sync needs (api.md §3, §8). */
const EMPLOYEE_INCLUDES: Array<{
  include: string;
  scope: string;
  neededFor: string;
}> = [
  {
    include: 'EmploymentDates',
    scope: 'View Legal Entity Employees Employment Dates',
    neededFor: 'hire and termination dates (effective dating)',
  },
  {
    include: 'Position',
    scope: 'View Legal Entity Employees Position',
    neededFor: 'job titles and managers',
  },
  {
    include: 'Status',
    scope: 'View Legal Entity Employees Status',
    neededFor: 'employment status (active, on leave, terminated)',
  },
  {
    include: 'WorkLocation',
    scope: 'View Legal Entity Employees Work Location',
    neededFor: 'work locations (location filters and annotations)',
  },
];

/**
 * Proves a connection works end to end without syncing: spends the refresh
 * token (rotating it, and storing the new one), reads the legal entity, and
 * probes each endpoint and `include` the sync uses to name missing scopes.
 */
export async function verifyConnection(
  legalEntityId: number,
  client: PaycorClient,
  tokens: TokenManager,
  now: () => Date,
): Promise<VerifyResult> {
  const steps: VerifyStep[] = [];
  const missingScopes: VerifyResult['missingScopes'] = [];
  let legalEntity: VerifyResult['legalEntity'];
  const result = (): VerifyResult => ({
    ok: steps.every(s => s.ok) && missingScopes.length === 0,
    checkedAt: now().toISOString(),
    legalEntity,
    steps,
    missingScopes,
  });

  try {
    await tokens.forceRefresh();
    steps.push({
      name: 'Refresh token',
      ok: true,
      detail:
        'Paycor issued an access token; the rotated refresh token is stored.',
    });
  } catch (error) {
    steps.push({
      name: 'Refresh token',
      ok: false,
      detail: (error as Error).message,
    });
    return result();
  }

  try {
    const activated = await client.getActivatedLegalEntities();
    const listed = activated.some(a => a.legalEntityId === legalEntityId);
    steps.push({
      name: 'App activation',
      ok: listed,
      detail: listed
        ? `The app is activated for legal entity ${legalEntityId}.`
        : `The app is not activated for legal entity ${legalEntityId} (activated: ${
            activated.map(a => a.legalEntityId).join(', ') || 'none'
          }). Run Paycor's app activation for this legal entity.`,
    });
  } catch (error) {
    steps.push({
      name: 'App activation',
      ok: false,
      detail: (error as Error).message,
    });
  }

  try {
    const { legalEntity: le, businessNamesScope } =
      await client.getLegalEntity();
    legalEntity = { id: le.id, name: le.name ?? undefined };
    steps.push({
      name: 'Legal entity',
      ok: true,
      detail: `Read legal entity ${le.id}${le.name ? ` (${le.name})` : ''}.`,
    });
    if (!businessNamesScope) {
      missingScopes.push({
        scope: 'View Legal Entity Business Names & Addresses',
        neededFor:
          "the legal entity's time zone (optional: set timeZone in config instead)",
      });
    }
  } catch (error) {
    steps.push({
      name: 'Legal entity',
      ok: false,
      detail: (error as Error).message,
    });
    if (isForbidden(error)) {
      missingScopes.push({
        scope: 'View Legal Entity Basic Information',
        neededFor: 'the organization Group name',
      });
    }
  }

  try {
    await client.probeDepartments();
    steps.push({ name: 'Departments', ok: true });
  } catch (error) {
    steps.push({
      name: 'Departments',
      ok: false,
      detail: (error as Error).message,
    });
    if (isForbidden(error)) {
      missingScopes.push({
        scope: 'View Legal Entity Departments Information',
        neededFor: 'department Groups',
      });
    }
  }

  try {
    await client.probeEmployees('All');
    steps.push({ name: 'Employees', ok: true });
  } catch (error) {
    if (!isForbidden(error)) {
      steps.push({
        name: 'Employees',
        ok: false,
        detail: (error as Error).message,
      });
      return result();
    }
    // Find out which of the scopes behind include=All is missing.
    try {
      await client.probeEmployees();
    } catch (baseError) {
      steps.push({
        name: 'Employees',
        ok: false,
        detail: (baseError as Error).message,
      });
      if (isForbidden(baseError)) {
        missingScopes.push({
          scope: 'View Legal Entity Employees',
          neededFor: 'Users (the employee list)',
        });
      }
      return result();
    }
    for (const probe of EMPLOYEE_INCLUDES) {
      try {
        await client.probeEmployees(probe.include);
      } catch (includeError) {
        if (!isForbidden(includeError)) throw includeError;
        missingScopes.push({ scope: probe.scope, neededFor: probe.neededFor });
      }
    }
    steps.push({
      name: 'Employees',
      ok: false,
      detail:
        'The employee list is readable, but some sections are not (see missing scopes).',
    });
  }
  return result();
}

function isForbidden(error: unknown) {
  return error instanceof PaycorApiError && error.details.status === 403;
}
