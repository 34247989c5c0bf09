import { GroupEntity } from '@backstage/catalog-model';
import { PAYCOR_ANNOTATIONS } from '@paycor-backstage/plugin-paycor-common';
import { departmentTitle } from './conflictMessages';
import {
  baseAnnotations,
  catalogText,
  catalogTextIfPresent,
  EntityContext,
  setIfPresent,
} from './entityCommon';
import { AdminGroupDefinition, PaycorDepartmentRecord } from './types';
import { nonBlank } from './util';

export type ParentSource = 'override' | 'paycor' | 'organization';

function group(args: {
  name: string;
  title: string;
  description?: string;
  annotations: Record<string, string>;
  type: string;
  parent?: string;
  children: readonly string[];
  ctx: EntityContext;
}): GroupEntity {
  // Titles come from Paycor (department and legal entity names) or from
  // people (admin groups, config): no NUL, and never blank.
  const title = catalogTextIfPresent(args.title) ?? args.name;
  const description = catalogTextIfPresent(args.description);
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name: args.name,
      namespace: args.ctx.namespace,
      title,
      ...(description !== undefined ? { description } : {}),
      annotations: args.annotations,
    },
    spec: {
      type: args.type,
      profile: { displayName: title },
      ...(args.parent !== undefined ? { parent: args.parent } : {}),
      children: [...args.children],
    },
  };
}

/** The organization Group: root of the tree when no `organization.ref` is configured. */
export function buildOrganizationGroup(args: {
  name: string;
  title: string;
  children: readonly string[];
  ctx: EntityContext;
}): GroupEntity {
  const { ctx } = args;
  return group({
    name: args.name,
    title: args.title,
    annotations: baseAnnotations(ctx, ctx.locations.organization()),
    type: 'organization',
    children: args.children,
    ctx,
  });
}

export function buildDepartmentGroup(args: {
  department: PaycorDepartmentRecord;
  name: string;
  parent: string;
  parentSource: ParentSource;
  /** the parent Paycor's tree gives, when an override moved the Group */
  paycorParent?: string;
  children: readonly string[];
  /** the department's head, from the reporting lines */
  head?: { ref: string; source: string };
  ctx: EntityContext;
}): GroupEntity {
  const { department, ctx } = args;
  const A = PAYCOR_ANNOTATIONS;
  const annotations = baseAnnotations(
    ctx,
    ctx.locations.department(department.id),
  );
  annotations[A.departmentId] = catalogText(department.id);
  setIfPresent(annotations, A.departmentCode, department.code);
  annotations[A.parentSource] = args.parentSource;
  setIfPresent(annotations, A.paycorParent, args.paycorParent);
  if (args.head) {
    annotations[A.departmentHead] = args.head.ref;
    annotations[A.departmentHeadSource] = args.head.source;
  }
  return group({
    name: args.name,
    title: departmentTitle(department),
    annotations,
    type: 'department',
    parent: args.parent,
    children: args.children,
    ctx,
  });
}

export function buildAdminGroup(args: {
  definition: AdminGroupDefinition;
  name: string;
  parent: string;
  children: readonly string[];
  ctx: EntityContext;
}): GroupEntity {
  const { definition, ctx } = args;
  const annotations = baseAnnotations(ctx, ctx.locations.adminGroup(args.name));
  annotations[PAYCOR_ANNOTATIONS.adminGroup] = 'true';
  // The schema needs a non-empty type and title; the admin API should
  // guarantee both, but a blank one must not make the catalog reject the Group.
  return group({
    name: args.name,
    title: nonBlank(definition.title) ?? args.name,
    description: nonBlank(definition.description),
    annotations,
    type: nonBlank(definition.type) ?? 'team',
    parent: args.parent,
    children: args.children,
    ctx,
  });
}
