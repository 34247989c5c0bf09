import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import { describeValidationIssues } from '@paycor-backstage/plugin-paycor-common';
import { z as z4 } from 'zod';
import { PaycorAdminService } from '../admin/PaycorAdminService';
import { auditedAdmin } from '../audit/auditedAdmin';
import { PaycorAudit } from '../audit/PaycorAudit';

export interface PaycorActionsOptions {
  providers: ReadonlyMap<string, PaycorAdminService>;
  permissions: PermissionsService;
  audit: PaycorAudit;
}

/**
 * What every action needs: the connection it names (or the only one), a
 * permission check with the caller's own credentials, the audited
 * operations, and the admin API's validation rules for shared inputs.
 */
export class PaycorActionContext {
  constructor(private readonly options: PaycorActionsOptions) {}

  /** The named connection; the only one when none is named. */
  connection(id: string | undefined): PaycorAdminService {
    const { providers } = this.options;
    const known = [...providers.keys()];
    if (id === undefined) {
      if (known.length === 1) return providers.get(known[0])!;
      throw new InputError(
        known.length === 0
          ? 'connection: no Paycor connection is configured (catalog.providers.paycor)'
          : `connection: is required when several Paycor connections are configured (${known.join(
              ', ',
            )})`,
      );
    }
    const found = providers.get(id);
    if (!found) {
      throw new InputError(
        `connection: no Paycor connection "${id}" is configured (configured: ${
          known.join(', ') || 'none'
        })`,
      );
    }
    return found;
  }

  /**
   * Refuses a caller without `permission`. The actions registry checks only
   * the visibility (read) permission; changing or spending calls check
   * their own, as the admin API does.
   */
  async authorize(
    credentials: BackstageCredentials,
    permission: BasicPermission,
  ): Promise<void> {
    const [decision] = await this.options.permissions.authorize(
      [{ permission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Missing permission ${permission.name} for this Paycor sync action`,
      );
    }
  }

  /**
   * The audited operations of a connection for a caller allowed to
   * `permission` (checked first, so an unpermitted caller learns nothing
   * about the connections).
   */
  async permitted(
    credentials: BackstageCredentials,
    permission: BasicPermission,
    connectionId: string | undefined,
  ) {
    await this.authorize(credentials, permission);
    return this.audited(this.connection(connectionId), credentials);
  }

  /** The audited operations of `service` as this caller. */
  audited(service: PaycorAdminService, credentials: BackstageCredentials) {
    return auditedAdmin(service, this.options.audit, {
      credentials,
      via: 'action',
    });
  }

  /** `value` through one of the admin API's schemas; errors name `input.<field>`. */
  parse<S extends z4.ZodType>(schema: S, value: unknown): z4.output<S> {
    const result = schema.safeParse(value);
    if (!result.success) {
      throw new InputError(
        describeValidationIssues(result.error.issues, 'input'),
      );
    }
    return result.data;
  }
}
