import { parseEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';

/**
 * A link to an entity when `value` is an entity ref (`user:default/jane`),
 * else the plain text (e.g. a service principal's subject).
 */
export function EntityRefOrText(props: {
  value: string;
  defaultKind?: string;
}) {
  const { value, defaultKind } = props;
  let isRef = false;
  if (value.includes('/') && (value.includes(':') || defaultKind)) {
    try {
      parseEntityRef(value, { defaultKind, defaultNamespace: 'default' });
      isRef = true;
    } catch {
      isRef = false;
    }
  }
  return isRef ? (
    <EntityRefLink entityRef={value} defaultKind={defaultKind} />
  ) : (
    <>{value}</>
  );
}
