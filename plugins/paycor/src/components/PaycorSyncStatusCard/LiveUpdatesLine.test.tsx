import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { LiveUpdatesLine } from './LiveUpdatesLine';

const today = {
  received: 9,
  applied: 7,
  fullSync: 1,
  duplicates: 2,
  failed: 0,
  ignored: 3,
  refused: 4,
};

describe('LiveUpdatesLine', () => {
  it('says when live updates are off', async () => {
    await renderInTestApp(
      <LiveUpdatesLine status={{ enabled: false, today }} />,
    );
    expect(
      screen.getByText(/^Off: changes arrive with the next sync/),
    ).toBeInTheDocument();
  });

  it('shows the last event and today’s counts', async () => {
    await renderInTestApp(
      <LiveUpdatesLine
        status={{
          enabled: true,
          lastEventAt: new Date(Date.now() - 5 * 60_000).toISOString(),
          today,
        }}
      />,
    );
    expect(screen.getByText(/^On · last event/)).toBeInTheDocument();
    expect(
      screen.getByText(
        'Today: 7 applied, 3 ignored, 4 refused (1 handed to a full sync, 2 duplicates)',
      ),
    ).toBeInTheDocument();
  });

  it('warns when they are on but the backend cannot receive events', async () => {
    await renderInTestApp(
      <LiveUpdatesLine
        status={{
          enabled: true,
          problem: 'add eventsModulePaycor to the backend',
          today,
        }}
      />,
    );
    expect(screen.getByRole('note')).toHaveTextContent(
      'On, but no events are arriving. add eventsModulePaycor to the backend',
    );
    expect(screen.queryByText(/^Today:/)).not.toBeInTheDocument();
  });

  it('says when no event arrived yet', async () => {
    await renderInTestApp(
      <LiveUpdatesLine status={{ enabled: true, today }} />,
    );
    expect(screen.getByText(/none yet/)).toBeInTheDocument();
  });
});
