import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      /**
       * Paycor connections, keyed by provider id. Each id syncs one Paycor
       * legal entity into catalog Users and Groups. The id is part of the
       * catalog provider name: renaming it orphans (and by default deletes)
       * the entities it synced.
       */
      paycor?: {
        [providerId: string]: {
          /** Paycor's production or sandbox API host. Set this or baseUrl. */
          environment?: 'production' | 'sandbox';
          /** API host, e.g. a local Paycor sandbox. Wins over environment. */
          baseUrl?: string;
          /** Paycor legal entity (client) id to sync. */
          legalEntityId: number | string;
          /** OAuth client id of the Paycor application. */
          clientId: string;
          /**
           * OAuth client secret of the Paycor application.
           * @visibility secret
           */
          clientSecret: string;
          /**
           * APIm subscription key (Paycor developer portal → Security Connections).
           * @visibility secret
           */
          subscriptionKey: string;
          /**
           * Refresh token from Paycor app activation. Paycor rotates refresh
           * tokens: this value seeds the database once; the module stores each
           * rotated token and uses that. Changing this value makes the module
           * start over from the new one.
           * @visibility secret
           */
          refreshToken: string;
          /** Sync on the schedule (default true). Status and the admin API work either way. */
          enabled?: boolean | string;
          /** When to sync. Default: hourly, 15 minute timeout, 15 s initial delay. */
          schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
          /** Catalog namespace of the Users and Groups (default `default`). */
          namespace?: string;
          /** The organization Group at the root of the department tree. */
          organization?: {
            /** Entity name; default derived from the legal entity name. */
            name?: string;
            /** Display name; default the legal entity name. */
            title?: string;
            /** Hang departments under this existing Group instead of emitting one. */
            ref?: string;
          };
          /**
           * How User names are derived. `email-local-part` (default) matches
           * Backstage's emailLocalPartMatchingUserEntityName sign-in resolver.
           */
          userNaming?:
            | 'email-local-part'
            | 'email'
            | 'employee-number'
            | 'employee-id'
            | 'first-last';
          /** How department Group names are derived. */
          groupNaming?: {
            /** `name` (default), `code` (survives renames) or `id`. */
            strategy?: 'name' | 'code' | 'id';
            /** Prepended to every department Group name, e.g. `paycor-`. */
            prefix?: string;
          };
          /** Who is synced. People a filter leaves out are not synced (their User is removed). */
          filters?: {
            /** Employment statuses that become Users. Default: Active and the leave statuses. */
            statuses?: string[];
            /** Department ids or codes; a department's sub-departments follow it. */
            departments?: { include?: string[]; exclude?: string[] };
            /** Work location names or ids. */
            locations?: { include?: string[]; exclude?: string[] };
            /** Employment types, e.g. Regular, Temporary. */
            employmentTypes?: string[];
            /** Only these work-email domains. */
            emailDomains?: string[];
            excludeEmployeeIds?: string[];
            excludeEmails?: string[];
          };
          /** Employees on leave: `include` (default) or `exclude`. */
          onLeave?: 'include' | 'exclude';
          /** Future hires appear this many days before their hire date (default 0). */
          preStartDays?: number | string;
          /** Departments without synced Users below them: `skip` (default) or `include`. */
          emptyDepartments?: 'skip' | 'include';
          /** IANA time zone for hire and termination dates. Default: the legal entity's, else UTC. */
          timeZone?: string;
          /** Extra Paycor fields copied onto Users: key → Paycor field path (e.g. positionData.jobCode). */
          fieldMapping?: {
            annotations?: { [key: string]: string };
            labels?: { [key: string]: string };
          };
          /** Re-homing in config (GitOps): department id or code → Group entity ref. */
          departmentParents?: { [departmentIdOrCode: string]: string };
          /**
           * Reporting lines from Paycor's managers: the manager's User ref on
           * each User (turned into `reportsTo` / `managerOf` relations), the
           * head of each department Group, and conflicts for manager loops and
           * unknown managers.
           */
          reportingLines?: {
            /** Write reporting lines (default true). */
            enabled?: boolean | string;
            /**
             * A department's head when the manager most of its members report to is
             * not the right one: department id or code → the head's employee id,
             * employee number or work email. A head who is not synced is ignored.
             */
            departmentHeads?: { [departmentIdOrCode: string]: string };
          };
          /** The safety guard against mass removals. */
          removalGuard?: {
            /** Hold a run that would remove more than this percentage of Users (default 10). */
            maxRemovalPercent?: number | string;
            /**
             * Removals of Users or Groups that own catalog entities
             * (Components, Systems, APIs, Resources, Domains, …) no other
             * existing owner shares: `hold` them for an admin's approval
             * whatever the percentage (default), apply them with a `warn`ing
             * in the log, or `off` (do not look).
             */
            ownedEntities?: 'hold' | 'warn' | 'off';
          };
          /** What each run changed for each person (the People tab's history). */
          history?: {
            /**
             * Days a person's changes are kept (default 90); 0 keeps none.
             * About 2.7 MB per 10k people for the first sync and 170 kB per
             * 10k people per month after it (measured; see the README).
             */
            retentionDays?: number | string;
          };
          /** Who is notified when the connection fails, recovers or holds a run. */
          notifications?: {
            /** User or Group entity refs. */
            recipients?: string[];
          };
          /**
           * Live updates from Paycor's event notifications, received at
           * `/api/events/http/paycor` (needs `@backstage/plugin-events-backend`
           * and this package's `eventsModulePaycor`). The hourly sync stays as
           * reconciliation.
           */
          events?: {
            /** Apply Paycor's event notifications as they arrive (default false). */
            enabled?: boolean | string;
            /**
             * The notification secret set on the Paycor application's event
             * subscription; deliveries without it are refused. Required when enabled.
             * @visibility secret
             */
            secret?: string;
            /**
             * The request header that carries the secret verbatim (default
             * `authorization`). Where Paycor puts it is a guess (see the README).
             */
            secretHeader?: string;
          };
          /** HTTP behaviour towards Paycor. */
          request?: {
            /** Per-request timeout (default 30000). */
            timeoutMs?: number | string;
            /** Retries on 429, 5xx and timeouts (default 4). */
            maxRetries?: number | string;
            /** Client-side budget below Paycor's 1000 calls/min per key (default 900). */
            maxCallsPerMinute?: number | string;
          };
        };
      };
    };
  };
}
