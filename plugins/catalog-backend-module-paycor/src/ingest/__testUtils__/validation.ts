import {
  Entity,
  FieldFormatEntityPolicy,
  groupEntityV1alpha1Validator,
  KubernetesValidatorFunctions,
  SchemaValidEntityPolicy,
  stringifyEntityRef,
  userEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import { transformSnapshot } from '../transform';
import { TransformInput, TransformResult } from '../types';

const schemaPolicy = new SchemaValidEntityPolicy();
const formatPolicy = new FieldFormatEntityPolicy();

function findUndefined(value: unknown, path: string): string | undefined {
  if (value === undefined) return path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUndefined(value[i], `${path}[${i}]`);
      if (found) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const found = findUndefined(v, `${path}.${k}`);
      if (found) return found;
    }
  }
  return undefined;
}

/** Everything the catalog checks before accepting an entity from a provider. */
export async function expectValidEntity(entity: Entity): Promise<void> {
  const where = stringifyEntityRef(entity);
  expect({ where, undefinedAt: findUndefined(entity, 'entity') }).toEqual({
    where,
    undefinedAt: undefined,
  });
  await expect(schemaPolicy.enforce(entity)).resolves.toBeDefined();
  await expect(formatPolicy.enforce(entity)).resolves.toBeDefined();
  expect(
    KubernetesValidatorFunctions.isValidObjectName(entity.metadata.name),
  ).toBe(true);
  for (const [key, value] of Object.entries(entity.metadata.labels ?? {})) {
    expect(KubernetesValidatorFunctions.isValidLabelKey(key)).toBe(true);
    expect(KubernetesValidatorFunctions.isValidLabelValue(value)).toBe(true);
  }
  for (const key of Object.keys(entity.metadata.annotations ?? {})) {
    expect(KubernetesValidatorFunctions.isValidAnnotationKey(key)).toBe(true);
  }
  const validator =
    entity.kind === 'User'
      ? userEntityV1alpha1Validator
      : groupEntityV1alpha1Validator;
  await expect(validator.check(entity)).resolves.toBe(true);
}

/**
 * Runs the transform and checks what must hold for every input: valid
 * entities, sorted output, no `undefined`, unique refs, and a consistent tree
 * (children ↔ parent, memberOf pointing at a Group we emit or the root).
 */
export async function transformAndCheck(
  input: TransformInput,
): Promise<TransformResult> {
  const result = transformSnapshot(input);
  for (const entity of result.entities) await expectValidEntity(entity);

  const refs = result.entities.map(e => stringifyEntityRef(e));
  expect(refs).toEqual([...refs].sort());
  expect(new Set(refs).size).toBe(refs.length);
  expect(findUndefined(result.conflicts, 'conflicts')).toBeUndefined();
  expect(findUndefined(result.departments, 'departments')).toBeUndefined();
  expect(findUndefined(result.stats, 'stats')).toBeUndefined();

  const groups = new Map(
    result.entities
      .filter(e => e.kind === 'Group')
      .map(e => [stringifyEntityRef(e), e]),
  );
  for (const [ref, group] of groups) {
    const spec = group.spec as { parent?: string; children: string[] };
    expect(spec.children).toEqual([...spec.children].sort());
    for (const child of spec.children) {
      expect((groups.get(child)?.spec as { parent?: string }).parent).toBe(ref);
    }
    if (spec.parent && groups.has(spec.parent)) {
      expect(
        (groups.get(spec.parent)!.spec as { children: string[] }).children,
      ).toContain(ref);
    }
  }
  const known = new Set([
    ...groups.keys(),
    ...input.external.refs,
    ...(input.config.organization.ref ? [input.config.organization.ref] : []),
  ]);
  for (const user of result.entities.filter(e => e.kind === 'User')) {
    const memberOf = (user.spec as { memberOf: string[] }).memberOf;
    expect(memberOf).toHaveLength(1);
    expect({
      user: stringifyEntityRef(user),
      known: known.has(memberOf[0]),
    }).toEqual({
      user: stringifyEntityRef(user),
      known: true,
    });
  }
  expect(result.stats.users).toBe(
    result.entities.filter(e => e.kind === 'User').length,
  );
  expect(result.stats.groups).toBe(groups.size);
  const sum = Object.values(result.stats.skippedByReason).reduce(
    (a, b) => a + (b ?? 0),
    0,
  );
  expect(result.stats.skipped).toBe(sum);
  return result;
}

/** The entity with this ref, or a failed expectation. */
export function entityByRef(result: TransformResult, ref: string): Entity {
  const entity = result.entities.find(e => stringifyEntityRef(e) === ref);
  if (!entity) {
    throw new Error(
      `no entity ${ref}; have ${result.entities
        .map(e => stringifyEntityRef(e))
        .join(', ')}`,
    );
  }
  return entity;
}
