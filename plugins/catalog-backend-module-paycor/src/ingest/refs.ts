import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/** `group:<ns>/<name>` in the catalog's normalised (lower-case) form. */
export function groupRef(namespace: string, name: string): string {
  return stringifyEntityRef({ kind: 'Group', namespace, name });
}

/** `user:<ns>/<name>` in the catalog's normalised (lower-case) form. */
export function userRef(namespace: string, name: string): string {
  return stringifyEntityRef({ kind: 'User', namespace, name });
}

/**
 * Normalises a Group ref typed by a person (config, admin API): `platform`,
 * `default/platform` and `Group:Default/Platform` all mean the same Group.
 * Returns undefined for refs that cannot name a Group at all (other kinds,
 * malformed text), so callers treat them like a missing target.
 */
export function normalizeGroupRef(
  ref: string | undefined,
  defaultNamespace: string,
): string | undefined {
  const text = ref?.trim();
  if (!text) return undefined;
  try {
    const parsed = parseEntityRef(text, {
      defaultKind: 'group',
      defaultNamespace,
    });
    if (parsed.kind.toLowerCase() !== 'group') return undefined;
    return stringifyEntityRef(parsed);
  } catch {
    return undefined;
  }
}

/** Location refs: `paycor:<providerId>/legalentities/<leId>/…`. */
export interface LocationBuilder {
  employee(employeeId: string): string;
  department(departmentId: string): string;
  organization(): string;
  adminGroup(name: string): string;
}

export function locationBuilder(
  providerId: string,
  legalEntityId: number | string,
): LocationBuilder {
  const base = `paycor:${providerId}`;
  const le = `${base}/legalentities/${legalEntityId}`;
  return {
    employee: id => `${le}/employees/${id}`,
    department: id => `${le}/departments/${id}`,
    organization: () => `${le}/organization`,
    adminGroup: name => `${base}/admin-groups/${name}`,
  };
}
