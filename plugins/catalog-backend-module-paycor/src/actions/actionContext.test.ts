import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { paycorSyncManagePermission } from '@paycor-backstage/plugin-paycor-common';
import { PaycorAdminService } from '../admin/PaycorAdminService';
import { PaycorAudit } from '../audit/PaycorAudit';
import { PaycorActionContext } from './actionContext';

const service = (id: string) => ({ id } as unknown as PaycorAdminService);

function contextWith(
  ids: string[],
  decision: AuthorizeResult = AuthorizeResult.ALLOW,
) {
  const permissions = mockServices.permissions.mock();
  permissions.authorize.mockResolvedValue([{ result: decision }] as any);
  const ctx = new PaycorActionContext({
    providers: new Map(ids.map(id => [id, service(id)])),
    permissions,
    audit: new PaycorAudit(mockServices.auditor.mock()),
  });
  return { ctx, permissions };
}

describe('PaycorActionContext', () => {
  it('defaults to the only connection and finds a named one', () => {
    expect(contextWith(['acme']).ctx.connection(undefined).id).toBe('acme');
    expect(contextWith(['a', 'b']).ctx.connection('b').id).toBe('b');
  });

  it('names the connection field in its errors', () => {
    expect(() => contextWith(['a', 'b']).ctx.connection(undefined)).toThrow(
      new InputError(
        'connection: is required when several Paycor connections are configured (a, b)',
      ),
    );
    expect(() => contextWith(['acme']).ctx.connection('other')).toThrow(
      new InputError(
        'connection: no Paycor connection "other" is configured (configured: acme)',
      ),
    );
    expect(() => contextWith([]).ctx.connection(undefined)).toThrow(
      /^connection: no Paycor connection is configured/,
    );
  });

  it("checks the permission with the caller's own credentials", async () => {
    const credentials = mockCredentials.user('user:default/jane');
    const { ctx, permissions } = contextWith(['acme'], AuthorizeResult.DENY);
    await expect(
      ctx.authorize(credentials, paycorSyncManagePermission),
    ).rejects.toThrow(NotAllowedError);
    expect(permissions.authorize).toHaveBeenCalledWith(
      [{ permission: paycorSyncManagePermission }],
      { credentials },
    );
  });
});
