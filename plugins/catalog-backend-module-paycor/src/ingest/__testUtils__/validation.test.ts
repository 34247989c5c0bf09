import { Entity } from '@backstage/catalog-model';
import { expectValidEntity } from './validation';

const valid: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: {
    name: 'ok',
    namespace: 'default',
    annotations: {
      'backstage.io/managed-by-location': 'paycor:x',
      'backstage.io/managed-by-origin-location': 'paycor:x',
    },
  },
  spec: { memberOf: ['group:default/a'] },
};

describe('expectValidEntity', () => {
  it('accepts a valid entity', async () => {
    await expect(expectValidEntity(valid)).resolves.toBeUndefined();
  });

  it.each([
    [
      'a bad name',
      { ...valid, metadata: { ...valid.metadata, name: '-bad-' } },
    ],
    ['a missing memberOf', { ...valid, spec: {} }],
    [
      'an undefined field',
      { ...valid, metadata: { ...valid.metadata, title: undefined } },
    ],
    [
      'a bad label value',
      { ...valid, metadata: { ...valid.metadata, labels: { a: '-x' } } },
    ],
  ])('rejects %s', async (_what, entity) => {
    await expect(expectValidEntity(entity as Entity)).rejects.toThrow();
  });
});
