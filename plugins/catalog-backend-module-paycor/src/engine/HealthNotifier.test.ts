import { NotificationService } from '@backstage/plugin-notifications-node';
import { ProviderHealth } from '@paycor-backstage/plugin-paycor-common';
import { createTestLogger } from '../__testUtils__/testDb';
import { HealthNotifier } from './HealthNotifier';

const LINK = 'https://backstage.example.com/paycor?provider=acme';
const RECIPIENTS = ['group:default/platform', 'user:default/ana'];

function setup(options: { recipients?: string[]; withService?: boolean } = {}) {
  const logger = createTestLogger();
  const send = jest.fn(async () => {});
  const notifications = { send } as unknown as NotificationService;
  const notifier = new HealthNotifier({
    logger,
    recipients: options.recipients ?? RECIPIENTS,
    notifications: options.withService === false ? undefined : notifications,
    link: LINK,
  });
  return { logger, send, notifier };
}

const change = (
  previous: ProviderHealth | undefined,
  current: ProviderHealth,
) => ({
  providerId: 'acme',
  previous,
  current,
  reason: 'Because.',
});

describe('HealthNotifier', () => {
  it.each<[ProviderHealth | undefined, ProviderHealth, string]>([
    ['healthy', 'failing', 'Paycor sync "acme" is failing'],
    [undefined, 'failing', 'Paycor sync "acme" is failing'],
    ['never-run', 'failing', 'Paycor sync "acme" is failing'],
    [
      'healthy',
      'awaiting-approval',
      'Paycor sync "acme" held removals for approval',
    ],
    [
      'failing',
      'awaiting-approval',
      'Paycor sync "acme" held removals for approval',
    ],
  ])(
    'notifies %s → %s with high severity',
    async (previous, current, title) => {
      const { notifier, send, logger } = setup();
      expect(await notifier.notify(change(previous, current))).toBe(true);
      expect(send).toHaveBeenCalledTimes(1);
      expect(send).toHaveBeenCalledWith({
        recipients: { type: 'entity', entityRef: RECIPIENTS },
        payload: {
          title,
          description: 'Because.',
          link: LINK,
          severity: 'high',
          topic: 'paycor-sync',
          scope: `paycor-sync:acme:${current}`,
        },
      });
      expect(logger.warn).toHaveBeenCalledWith(
        `Paycor provider acme: ${title}. Because.`,
      );
    },
  );

  it.each<ProviderHealth>(['healthy', 'degraded'])(
    'notifies a recovery from failing to %s with normal severity',
    async current => {
      const { notifier, send, logger } = setup();
      expect(await notifier.notify(change('failing', current))).toBe(true);
      expect(send).toHaveBeenCalledWith(
        expect.objectContaining({
          payload: expect.objectContaining({
            title: 'Paycor sync "acme" recovered',
            severity: 'normal',
            scope: `paycor-sync:acme:${current}`,
          }),
        }),
      );
      expect(logger.info).toHaveBeenCalledWith(
        expect.stringContaining('recovered'),
      );
    },
  );

  it.each<[ProviderHealth | undefined, ProviderHealth]>([
    ['failing', 'failing'],
    ['awaiting-approval', 'awaiting-approval'],
    ['healthy', 'degraded'],
    ['degraded', 'healthy'],
    [undefined, 'healthy'],
    ['never-run', 'healthy'],
    ['awaiting-approval', 'healthy'],
    ['healthy', 'never-run'],
  ])('stays quiet on %s → %s', async (previous, current) => {
    const { notifier, send, logger } = setup();
    expect(await notifier.notify(change(previous, current))).toBe(false);
    expect(send).not.toHaveBeenCalled();
    expect(logger.warn).not.toHaveBeenCalled();
    expect(logger.info).not.toHaveBeenCalled();
  });

  it('only logs when nobody is configured to receive notifications', async () => {
    const { notifier, send, logger } = setup({ recipients: [] });
    expect(await notifier.notify(change('healthy', 'failing'))).toBe(true);
    expect(send).not.toHaveBeenCalled();
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });

  it('only logs when the notifications backend is not installed', async () => {
    const { notifier, logger } = setup({ withService: false });
    expect(await notifier.notify(change('healthy', 'failing'))).toBe(true);
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });

  it('logs a failed send instead of failing the sync', async () => {
    const { notifier, send, logger } = setup();
    send.mockRejectedValueOnce(new Error('notifications backend unreachable'));
    await expect(notifier.notify(change('healthy', 'failing'))).resolves.toBe(
      true,
    );
    expect(logger.warn).toHaveBeenLastCalledWith(
      expect.stringMatching(
        /could not send a notification.*notifications backend unreachable/,
      ),
    );
  });
});
