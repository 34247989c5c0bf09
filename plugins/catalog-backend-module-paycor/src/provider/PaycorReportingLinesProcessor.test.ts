import { Entity } from '@backstage/catalog-model';
import { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { PaycorReportingLinesProcessor } from './PaycorReportingLinesProcessor';

const location = { type: 'paycor', target: 'acme' };

function user(name: string, annotations: Record<string, string> = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default', annotations },
    spec: { memberOf: [] },
  };
}

async function process(entity: Entity) {
  const emitted: CatalogProcessorResult[] = [];
  const result = await new PaycorReportingLinesProcessor().postProcessEntity(
    entity,
    location,
    r => emitted.push(r),
  );
  expect(result).toBe(entity);
  return emitted;
}

describe('PaycorReportingLinesProcessor', () => {
  it('emits reportsTo from the User and managerOf back from the manager', async () => {
    const emitted = await process(
      user('ana', { 'paycor.com/manager-ref': 'user:default/bo' }),
    );
    expect(emitted).toEqual([
      {
        type: 'relation',
        relation: {
          source: { kind: 'User', namespace: 'default', name: 'ana' },
          type: 'reportsTo',
          target: { kind: 'user', namespace: 'default', name: 'bo' },
        },
      },
      {
        type: 'relation',
        relation: {
          source: { kind: 'user', namespace: 'default', name: 'bo' },
          type: 'managerOf',
          target: { kind: 'User', namespace: 'default', name: 'ana' },
        },
      },
    ]);
  });

  it('reads a short ref in the User’s own namespace', async () => {
    const entity = user('ana', { 'paycor.com/manager-ref': 'bo' });
    entity.metadata.namespace = 'people';
    const [reportsTo] = await process(entity);
    expect(reportsTo).toMatchObject({
      relation: { target: { kind: 'user', namespace: 'people', name: 'bo' } },
    });
  });

  it('emits nothing for a User without a manager ref, for a User naming itself, or for other kinds', async () => {
    expect(await process(user('ana'))).toEqual([]);
    expect(
      await process(
        user('ana', { 'paycor.com/manager-ref': 'User:default/ANA' }),
      ),
    ).toEqual([]);
    expect(
      await process({
        ...user('team', { 'paycor.com/manager-ref': 'user:default/bo' }),
        kind: 'Group',
      }),
    ).toEqual([]);
  });

  it('reports a value that is not a User ref as an input error of that User', async () => {
    const [notUser] = await process(
      user('ana', { 'paycor.com/manager-ref': 'group:default/bo' }),
    );
    expect(notUser).toMatchObject({
      type: 'error',
      location,
      error: {
        name: 'InputError',
        message: expect.stringContaining(
          'must refer to a User, got kind "group"',
        ),
      },
    });
    const [malformed] = await process(
      user('ana', { 'paycor.com/manager-ref': 'user:' }),
    );
    expect(malformed).toMatchObject({
      type: 'error',
      error: { name: 'InputError' },
    });
  });
});
