import path from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import request from 'supertest';
import {
  paycorSyncManagePermission,
  paycorSyncReadPermission,
} from '@paycor-backstage/plugin-paycor-common';
import demoPolicyModule from './permissionPolicy';

const repoRoot = path.resolve(__dirname, '../../../..');

jest.setTimeout(60_000);

describe('demo backend: catalog + permission policy', () => {
  it('serves the hand-written groups and gates Paycor admin actions', async () => {
    const { server } = await startTestBackend({
      features: [
        catalogPlugin,
        permissionPlugin,
        demoPolicyModule,
        mockServices.rootConfig.factory({
          data: {
            // Catalog reads are not what this test is about; the policy is
            // exercised through the permission backend's authorize route.
            permission: { enabled: false },
            catalog: {
              rules: [{ allow: ['Component', 'System', 'Group', 'User'] }],
              locations: [
                {
                  type: 'file',
                  target: path.join(repoRoot, 'catalog-info.yaml'),
                },
              ],
            },
            paycorSync: { admins: ['user:development/guest'] },
          },
        }),
      ],
    });

    const guest = mockCredentials.user('user:development/guest');
    let group: request.Response | undefined;
    for (let attempt = 0; attempt < 300; attempt++) {
      group = await request(server)
        .get('/api/catalog/entities/by-name/group/default/product-engineering')
        .set('Authorization', mockCredentials.user.header());
      if (group.status === 200) break;
      await new Promise(r => setTimeout(r, 100));
    }
    expect(group?.status).toBe(200);
    expect(group?.body.spec.type).toBe('division');

    const authorize = (credentials: typeof guest) =>
      request(server)
        .post('/api/permission/authorize')
        .set(
          'Authorization',
          mockCredentials.user.header(credentials.principal.userEntityRef),
        )
        .send({
          items: [
            { id: 'read', permission: paycorSyncReadPermission },
            { id: 'manage', permission: paycorSyncManagePermission },
          ],
        });

    const asGuest = await authorize(guest);
    expect(asGuest.status).toBe(200);
    expect(asGuest.body.items).toEqual([
      { id: 'read', result: 'ALLOW' },
      { id: 'manage', result: 'ALLOW' },
    ]);

    const asOther = await authorize(mockCredentials.user('user:default/someone'));
    expect(asOther.body.items).toEqual([
      { id: 'read', result: 'ALLOW' },
      { id: 'manage', result: 'DENY' },
    ]);
  });
});
