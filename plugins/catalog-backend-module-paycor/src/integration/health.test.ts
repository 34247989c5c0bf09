import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import {
  NO_DIRTY_DATA,
  PaycorSandbox,
  startPaycorSandbox,
} from '@paycor-backstage/paycor-sandbox';
import {
  PaycorTestApi,
  startPaycorTestBackend,
} from '../__testUtils__/paycorTestBackend';

jest.setTimeout(300_000);

describe('health and notifications', () => {
  let sandbox: PaycorSandbox;
  let backend: PaycorTestApi;
  const notifications: NotificationSendOptions[] = [];

  beforeAll(async () => {
    sandbox = await startPaycorSandbox({ employees: 100, seed: 41, dirtyData: NO_DIRTY_DATA });
    backend = await startPaycorTestBackend({
      sandbox,
      notifications,
      provider: { notifications: { recipients: ['user:default/admin'] } },
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await sandbox?.stop();
  });

  it('goes never-run → healthy → failing → healthy, notifying once each way', async () => {
    expect((await backend.status()).health).toBe('never-run');
    expect((await backend.syncNow()).status).toBe('succeeded');
    expect((await backend.status()).health).toBe('healthy');

    sandbox.control.injectFault({ type: '503', durationMs: 60_000 });
    for (let i = 0; i < 2; i++) {
      expect((await backend.syncNow()).status).toBe('failed');
      const status = await backend.status();
      expect(status.health).toBe('failing');
      expect(status.healthReason).toMatch(/503.*Data stays as of the last good sync/s);
    }
    sandbox.control.clearFaults();
    expect((await backend.syncNow()).status).toBe('succeeded');
    expect((await backend.status()).health).toBe('healthy');

    expect(notifications.map(n => n.payload.title)).toEqual([
      'Paycor sync "acme" is failing',
      'Paycor sync "acme" recovered',
    ]);
    expect(notifications[0].payload).toMatchObject({
      severity: 'high',
      link: 'http://localhost:3000/paycor?provider=acme',
    });
  });
});
