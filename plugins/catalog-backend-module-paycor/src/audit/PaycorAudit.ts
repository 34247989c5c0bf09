import {
  AuditorService,
  AuditorServiceEventSeverityLevel,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import type { Request } from 'express';

/**
 * The audit events of the module (the auditor prefixes them with the plugin,
 * `catalog`). One per admin change and per call that spends Paycor's budget.
 */
export type PaycorAuditEventId =
  | 'paycor-rehome'
  | 'paycor-rehome-undo'
  | 'paycor-admin-group-create'
  | 'paycor-admin-group-delete'
  | 'paycor-exclusion-add'
  | 'paycor-exclusion-remove'
  | 'paycor-approval-decide'
  | 'paycor-sync-request'
  | 'paycor-person-sync'
  | 'paycor-verify'
  | 'paycor-preview'
  | 'paycor-event-refused';

/** Who is calling and through what. */
export interface PaycorCaller {
  credentials: BackstageCredentials;
  /** the HTTP request, when the call came through the admin API */
  request?: Request;
  /** `api`: the admin API (the sync page); `action`: the actions registry */
  via: 'api' | 'action';
}

export interface PaycorAuditEvent {
  eventId: PaycorAuditEventId;
  /** the connection (provider id) acted on */
  providerId: string;
  severityLevel?: AuditorServiceEventSeverityLevel;
  /**
   * What was asked for: ids, refs, a decision. Never a credential: callers
   * pass only the fields they name here, never a whole body or config.
   */
  meta?: JsonObject;
}

/** Who did it: the user's entity ref, or `service:<subject>`. */
export function actorOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as
    | { type: 'user'; userEntityRef: string }
    | { type: 'service'; subject: string }
    | { type: 'none' };
  if (principal.type === 'user') return principal.userEntityRef;
  if (principal.type === 'service') return `service:${principal.subject}`;
  return 'none';
}

/**
 * The module's audit trail over the auditor service: every audited
 * operation runs through `track`, which records who (the actor also in
 * `meta`, since an action has no HTTP request the auditor could read it
 * from), what, which connection and the outcome.
 */
export class PaycorAudit {
  constructor(private readonly auditor: AuditorService) {}

  async track<T>(
    event: PaycorAuditEvent,
    caller: PaycorCaller | undefined,
    operation: () => Promise<T>,
    /** what to record of the result (counts, ids; nothing secret) */
    describe?: (result: T) => JsonObject | undefined,
  ): Promise<T> {
    const audit = await this.auditor.createEvent({
      eventId: event.eventId,
      severityLevel: event.severityLevel ?? 'medium',
      ...(caller?.request ? { request: caller.request } : {}),
      meta: {
        providerId: event.providerId,
        ...(caller
          ? { actor: actorOf(caller.credentials), via: caller.via }
          : {}),
        ...event.meta,
      },
    });
    try {
      const result = await operation();
      await audit.success(
        describe ? { meta: describe(result) ?? {} } : undefined,
      );
      return result;
    } catch (error) {
      await audit.fail({ error: error as Error });
      throw error;
    }
  }

  /**
   * For the events receiver: a delivery refused because its signature or
   * shared secret did not match. `reason` says what was wrong in words
   * ("signature mismatch"); never the secret, the signature or the body.
   */
  async eventRefused(options: {
    providerId: string;
    reason: string;
    request?: Request;
    meta?: JsonObject;
  }): Promise<void> {
    const audit = await this.auditor.createEvent({
      eventId: 'paycor-event-refused',
      severityLevel: 'high',
      ...(options.request ? { request: options.request } : {}),
      meta: { providerId: options.providerId, ...options.meta },
    });
    await audit.fail({ error: new Error(options.reason) });
  }
}
