import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { rootRouteRef, tabRouteRefs } from '../routes';
import { usePaycorPageLink } from './usePaycorPageLink';

function Probe() {
  const link = usePaycorPageLink();
  return (
    <>
      <span data-testid="root">{link()}</span>
      <span data-testid="conflicts">
        {link({ provider: 'acme', tab: 'conflicts' })}
      </span>
      <span data-testid="person">
        {link({ provider: 'acme', tab: 'people', person: 'e-1' })}
      </span>
    </>
  );
}

describe('usePaycorPageLink', () => {
  it('links to where the page is mounted', async () => {
    await renderInTestApp(<Probe />, {
      mountedRoutes: { '/admin/paycor': rootRouteRef },
    });
    expect(screen.getByTestId('root')).toHaveTextContent('/admin/paycor');
    expect(screen.getByTestId('conflicts')).toHaveTextContent(
      '/admin/paycor?provider=acme&tab=conflicts',
    );
    expect(screen.getByTestId('person')).toHaveTextContent(
      '/admin/paycor?provider=acme&tab=people&person=e-1',
    );
  });

  it('falls back to /paycor when the page is not mounted', async () => {
    await renderInTestApp(<Probe />);
    expect(screen.getByTestId('root')).toHaveTextContent(/^\/paycor$/);
  });

  it('links to a tab of its own where the app mounted one (new frontend system)', async () => {
    await renderInTestApp(<Probe />, {
      mountedRoutes: {
        '/paycor': rootRouteRef,
        '/paycor/conflicts': tabRouteRefs.conflicts,
      },
    });
    expect(screen.getByTestId('root')).toHaveTextContent(/^\/paycor$/);
    expect(screen.getByTestId('conflicts')).toHaveTextContent(
      /^\/paycor\/conflicts\?provider=acme$/,
    );
    // the People tab where it is not a sub-page: the legacy query form
    expect(screen.getByTestId('person')).toHaveTextContent(
      /^\/paycor\?provider=acme&tab=people&person=e-1$/,
    );
  });
});
