import request from 'supertest';
import { startEventReceiver } from './__testUtils__/eventReceiver';
import { DEV_CREDENTIALS, runCli } from './cli';

describe('runCli', () => {
  let log: jest.SpyInstance;
  beforeEach(() => {
    log = jest.spyOn(console, 'log').mockImplementation(() => {});
  });
  afterEach(() => log.mockRestore());

  it('starts a sandbox with deterministic dev credentials and prints one ready line', async () => {
    const sandbox = await runCli(
      [
        'node',
        'paycor-sandbox',
        '--port',
        '0',
        '--employees',
        '30',
        '--seed',
        '4',
        '--rate-limit',
        '0',
        '--sticky-refresh-token',
      ],
      { handleSignals: false },
    );
    try {
      expect(log).toHaveBeenCalledTimes(1);
      const line = log.mock.calls[0][0] as string;
      expect(line).toContain(sandbox.url);
      expect(line).toContain('30 employees, seed 4');
      expect(line).not.toContain(DEV_CREDENTIALS.clientSecret);
      expect(sandbox.credentials).toEqual(DEV_CREDENTIALS);
      expect(sandbox.control.getSettings().rateLimit).toBe(false);
      for (let i = 0; i < 2; i++) {
        await request(sandbox.url)
          .post(
            `/sts/v1/common/token?subscription-key=${DEV_CREDENTIALS.subscriptionKey}`,
          )
          .type('form')
          .send({
            grant_type: 'refresh_token',
            refresh_token: DEV_CREDENTIALS.refreshToken,
            client_id: DEV_CREDENTIALS.clientId,
            client_secret: DEV_CREDENTIALS.clientSecret,
          })
          .expect(200);
      }
    } finally {
      await sandbox.stop();
    }
  });

  it('never prints a custom secret', async () => {
    const sandbox = await runCli(
      [
        'node',
        'paycor-sandbox',
        '--port',
        '0',
        '--employees',
        '5',
        '--client-secret',
        'top-secret-value',
      ],
      { handleSignals: false },
    );
    try {
      expect(log.mock.calls.flat().join('\n')).not.toContain(
        'top-secret-value',
      );
    } finally {
      await sandbox.stop();
    }
  });

  it('subscribes --event-url with --event-secret, never printing the secret', async () => {
    const receiver = await startEventReceiver();
    const sandbox = await runCli(
      [
        'node',
        'paycor-sandbox',
        '--port',
        '0',
        '--employees',
        '5',
        '--event-url',
        receiver.url,
        '--event-secret',
        'Bearer event-secret-value',
      ],
      { handleSignals: false },
    );
    try {
      expect(log.mock.calls.flat().join('\n')).not.toContain(
        'event-secret-value',
      );
      const [employee] = sandbox.control.getOrg().employees;
      sandbox.control.updateEmployee(employee.id, { firstName: 'Grace' });
      await sandbox.control.flushEvents(5000);
      expect(receiver.received.map(r => r.body.itemId)).toEqual([employee.id]);
      expect(receiver.received[0].headers.authorization).toBe(
        'Bearer event-secret-value',
      );
    } finally {
      await sandbox.stop();
      await receiver.stop();
    }
  });

  it('refuses --event-url without --event-secret', async () => {
    await expect(
      runCli(
        ['node', 'paycor-sandbox', '--port', '0', '--employees', '5', '--event-url', 'http://127.0.0.1:1/x'],
        { handleSignals: false },
      ),
    ).rejects.toThrow('--event-url needs --event-secret');
  });
});
