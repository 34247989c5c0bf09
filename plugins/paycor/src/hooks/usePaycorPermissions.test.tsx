import {
  PermissionApi,
  permissionApiRef,
} from '@backstage/plugin-permission-react';
import { TestApiProvider } from '@backstage/test-utils';
import { renderHook, waitFor } from '@testing-library/react';
import { ReactNode } from 'react';
import { usePaycorPermissions } from './usePaycorPermissions';

describe('usePaycorPermissions', () => {
  it('asks the permission API for each Paycor permission', async () => {
    const authorize = jest.fn(async (request: any) => ({
      result: (request.permission.name === 'catalog.paycor.sync.manage'
        ? 'DENY'
        : 'ALLOW') as any,
    }));
    const permissionApi: PermissionApi = { authorize };
    const wrapper = ({ children }: { children: ReactNode }) => (
      <TestApiProvider apis={[[permissionApiRef, permissionApi]]}>
        {children}
      </TestApiProvider>
    );
    const { result } = renderHook(() => usePaycorPermissions(), { wrapper });
    expect(result.current.loading).toBe(true);
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(result.current).toEqual({
      loading: false,
      canRead: true,
      canRun: true,
      canManage: false,
    });
    expect(authorize.mock.calls.map(c => c[0].permission.name).sort()).toEqual([
      'catalog.paycor.sync.manage',
      'catalog.paycor.sync.read',
      'catalog.paycor.sync.run',
    ]);
  });
});
