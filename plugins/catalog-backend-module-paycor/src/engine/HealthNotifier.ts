import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { ProviderHealth } from '@paycor-backstage/plugin-paycor-common';

export interface HealthChange {
  providerId: string;
  previous?: ProviderHealth;
  current: ProviderHealth;
  reason: string;
}

type Severity = 'critical' | 'high' | 'normal' | 'low';

/**
 * Tells admins when a connection starts failing, recovers, or a run is held
 * for approval: once per change, through Backstage notifications when the
 * notifications backend is installed, and always in the logs.
 */
export class HealthNotifier {
  constructor(
    private readonly options: {
      logger: LoggerService;
      recipients: string[];
      notifications?: NotificationService;
      /** link to the sync page in the app */
      link: string;
    },
  ) {}

  /** Returns true when the change was worth telling someone about. */
  async notify(change: HealthChange): Promise<boolean> {
    const message = describe(change);
    if (!message) return false;
    const log = `Paycor provider ${change.providerId}: ${message.title}. ${change.reason}`;
    if (message.severity === 'normal') this.options.logger.info(log);
    else this.options.logger.warn(log);

    const { notifications, recipients } = this.options;
    if (notifications && recipients.length > 0) {
      try {
        await notifications.send({
          recipients: { type: 'entity', entityRef: recipients },
          payload: {
            title: message.title,
            description: change.reason,
            link: this.options.link,
            severity: message.severity,
            topic: 'paycor-sync',
            // one live notification per provider and state, updated in place
            scope: `paycor-sync:${change.providerId}:${change.current}`,
          },
        });
      } catch (error) {
        this.options.logger.warn(
          `Paycor provider ${
            change.providerId
          }: could not send a notification (is the notifications backend installed?): ${
            (error as Error).message
          }`,
        );
      }
    }
    return true;
  }
}

function describe(
  change: HealthChange,
): { title: string; severity: Severity } | undefined {
  const { previous, current, providerId } = change;
  if (current === previous) return undefined;
  if (current === 'failing') {
    return {
      title: `Paycor sync "${providerId}" is failing`,
      severity: 'high',
    };
  }
  if (current === 'awaiting-approval') {
    return {
      title: `Paycor sync "${providerId}" held removals for approval`,
      severity: 'high',
    };
  }
  if (
    previous === 'failing' &&
    (current === 'healthy' || current === 'degraded')
  ) {
    return {
      title: `Paycor sync "${providerId}" recovered`,
      severity: 'normal',
    };
  }
  return undefined;
}
