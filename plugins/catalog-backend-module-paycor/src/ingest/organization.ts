import { PaycorProviderConfig } from '../config/types';
import { adminGroupNameConflict } from './conflictMessages';
import { normalizeEntityName } from './naming';
import { groupRef, normalizeGroupRef } from './refs';
import {
  AdminGroupDefinition,
  ConflictDraft,
  PaycorLegalEntityRecord,
} from './types';
import { compareStrings, nonBlank, shortHash } from './util';

/** The Group everything without a better parent hangs under. */
export interface Root {
  ref: string;
  /** set when the provider emits the organization Group itself */
  org?: { name: string; title: string };
}

/**
 * `organization.ref` when configured (an existing Group, nothing emitted);
 * else an organization Group named `organization.name`, else after the legal
 * entity, else `paycor-<id>` (a legal entity named in CJK, say).
 */
export function resolveRoot(
  organization: PaycorProviderConfig['organization'] | undefined,
  legalEntity: PaycorLegalEntityRecord,
  namespace: string,
): Root {
  const configuredRef = normalizeGroupRef(organization?.ref, namespace);
  if (configuredRef !== undefined) return { ref: configuredRef };
  const id = String(legalEntity.id);
  const name =
    normalizeEntityName(organization?.name ?? '') ??
    normalizeEntityName(legalEntity.name ?? '') ??
    `paycor-${normalizeEntityName(id) ?? shortHash(id)}`;
  const title =
    nonBlank(organization?.title) ??
    nonBlank(legalEntity.name) ??
    `Paycor legal entity ${id}`;
  return { ref: groupRef(namespace, name), org: { name, title } };
}

export interface AcceptedAdminGroup {
  definition: AdminGroupDefinition;
  name: string;
  ref: string;
}

export interface GroupNameReservations {
  adminGroups: AcceptedAdminGroup[];
  /** entity name → ref of the Group holding it; departments never get these */
  reserved: Map<string, string>;
  /** ref → the holder in words, ref included, for conflict texts */
  describe: Map<string, string>;
  conflicts: ConflictDraft[];
}

/**
 * Reserves the names that outrank departments: the root (when it is in our
 * namespace, so no department can shadow it) and admin Groups, which an
 * admin named on purpose. Admin Groups are taken in name order; one that
 * cannot have a valid name, takes the root's name or repeats another's is
 * not emitted and reported instead (two entities cannot share a ref).
 */
export function reserveGroupNames(
  root: Root,
  definitions: readonly AdminGroupDefinition[],
  namespace: string,
): GroupNameReservations {
  const reserved = new Map<string, string>();
  const describe = new Map<string, string>();
  const conflicts: ConflictDraft[] = [];
  const ns = namespace.toLowerCase();
  if (root.org || root.ref.startsWith(`group:${ns}/`)) {
    reserved.set(root.ref.slice(root.ref.indexOf('/') + 1), root.ref);
    describe.set(
      root.ref,
      `${root.org ? 'the organization Group' : 'the root Group'} ${root.ref}`,
    );
  }

  const adminGroups: AcceptedAdminGroup[] = [];
  const sorted = definitions
    .map(definition => ({
      definition,
      name: normalizeEntityName(definition.name),
    }))
    .sort(
      (a, b) =>
        compareStrings(a.name ?? '', b.name ?? '') ||
        compareStrings(a.definition.name, b.definition.name) ||
        compareStrings(a.definition.title, b.definition.title),
    );
  for (const { definition, name } of sorted) {
    if (name === undefined) {
      conflicts.push(
        adminGroupNameConflict({
          name: definition.name,
          ref: `group:${ns}/${definition.name}`,
          reason: 'invalid',
        }),
      );
      continue;
    }
    const ref = groupRef(namespace, name);
    const holder = reserved.get(name);
    if (holder !== undefined) {
      conflicts.push(
        adminGroupNameConflict({
          name: definition.name,
          ref,
          reason: holder === root.ref ? 'organization' : 'duplicate',
        }),
      );
      continue;
    }
    reserved.set(name, ref);
    describe.set(
      ref,
      `the admin Group "${nonBlank(definition.title) ?? name}" (${ref})`,
    );
    adminGroups.push({ definition, name, ref });
  }
  return { adminGroups, reserved, describe, conflicts };
}
