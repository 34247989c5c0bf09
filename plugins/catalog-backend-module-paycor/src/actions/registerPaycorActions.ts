import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { InputError } from '@backstage/errors';
import {
  CONFLICT_TYPES,
  paycorSyncManagePermission,
  paycorSyncReadPermission,
  paycorSyncRunPermission,
  setParentRequestSchema,
} from '@paycor-backstage/plugin-paycor-common';
import { PaycorActionContext, PaycorActionsOptions } from './actionContext';
import {
  conflictSchema,
  connectionInput,
  departmentSchema,
  personDetailSchema,
  personSummarySchema,
  previewSchema,
  syncRunSchema,
} from './outputSchemas';

/** How many people a name search returns to choose from. */
const PERSON_MATCHES = 10;

/**
 * The module's actions (ids `catalog:paycor-…`), for scripts and AI
 * assistants through the actions service and the MCP actions backend. Each
 * calls the provider's admin service, as the admin API does: reads need the
 * read permission (the visibility permission: without it the actions are not
 * listed and cannot be invoked), calls that spend Paycor's budget the run
 * permission, changes to the org the manage permission; the last two are
 * checked with the caller's credentials and audited.
 */
export function registerPaycorActions(
  registry: ActionsRegistryService,
  options: PaycorActionsOptions,
) {
  const ctx = new PaycorActionContext(options);
  const visibilityPermission = paycorSyncReadPermission;

  registry.register({
    name: 'paycor-sync-status',
    title: 'Paycor sync status',
    description:
      'Health of a Paycor connection: whether it is running, its last run (counts, Paycor calls, error), when it next runs, how many Users and Groups it keeps in the catalog, open conflicts and removals waiting for approval.',
    visibilityPermission,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z => z.object({ connection: connectionInput(z) }),
      output: z =>
        z.object({
          connection: z.string(),
          enabled: z.boolean(),
          health: z
            .string()
            .describe('healthy, degraded, failing or never-run'),
          healthReason: z.string(),
          running: z.boolean(),
          lastRun: syncRunSchema(z).optional(),
          lastSuccessAt: z.string().optional(),
          nextRunAt: z.string().optional(),
          entityCounts: z.object({ users: z.number(), groups: z.number() }),
          openConflicts: z.number(),
          pendingApproval: z
            .object({
              runId: z.string(),
              removals: z.number(),
              createdAt: z.string(),
            })
            .optional(),
        }),
    },
    action: async ({ input }) => {
      const status = await ctx.connection(input.connection).status();
      return {
        output: {
          connection: status.id,
          enabled: status.enabled,
          health: status.health,
          healthReason: status.healthReason,
          running: status.running,
          lastRun: status.lastRun,
          lastSuccessAt: status.lastSuccessAt,
          nextRunAt: status.nextRunAt,
          entityCounts: status.entityCounts,
          openConflicts: status.openConflicts,
          pendingApproval: status.pendingApproval,
        },
      };
    },
  });

  registry.register({
    name: 'paycor-explain-person',
    title: 'Why is a person (not) in the catalog',
    description:
      'Explains why someone from Paycor is or is not a User in the Backstage catalog (so whether they can sign in): each step from their Paycor record to the catalog (status and dates, filters and exclusions, email, naming, ownership) and what recent runs did to them. Give employeeId, or query (a name, email or employee number): when several people match, they are listed to choose from.',
    visibilityPermission,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    examples: [
      {
        title: "Why can't Jane sign in to Backstage?",
        input: { query: 'Jane' },
      },
    ],
    schema: {
      input: z =>
        z.object({
          connection: connectionInput(z),
          employeeId: z
            .string()
            .min(1)
            .max(255)
            .optional()
            .describe("Paycor's employee id (a GUID)"),
          query: z
            .string()
            .min(1)
            .max(200)
            .optional()
            .describe('A name, email or employee number to search for'),
        }),
      output: z =>
        z.object({
          person: personDetailSchema(z)
            .optional()
            .describe('Their trace, when one person was found'),
          matches: z
            .array(personSummarySchema(z))
            .describe('People matching the query'),
          totalMatches: z.number(),
          message: z.string(),
        }),
    },
    action: async ({ input }) => {
      const service = ctx.connection(input.connection);
      if (input.employeeId !== undefined) {
        const person = await service.person(input.employeeId);
        return {
          output: {
            person,
            matches: [],
            totalMatches: 1,
            message: `${person.displayName}: ${person.outcome}`,
          },
        };
      }
      if (input.query === undefined) {
        throw new InputError('employeeId or query: one of them is required');
      }
      const found = await service.people({
        q: input.query,
        limit: PERSON_MATCHES,
        offset: 0,
      });
      if (found.items.length === 1 && found.totalCount === 1) {
        const person = await service.person(found.items[0].employeeId);
        return {
          output: {
            person,
            matches: found.items,
            totalMatches: 1,
            message: `${person.displayName}: ${person.outcome}`,
          },
        };
      }
      return {
        output: {
          matches: found.items,
          totalMatches: found.totalCount,
          message:
            found.totalCount === 0
              ? `No one in the last read from Paycor matches "${input.query}"${
                  found.snapshotAt ? '' : ' (no sync has completed yet)'
                }`
              : `${found.totalCount} people match "${input.query}"; call again with the employeeId of the one you mean`,
        },
      };
    },
  });

  registry.register({
    name: 'paycor-list-conflicts',
    title: 'List Paycor sync conflicts',
    description:
      'Problems the sync found (duplicate emails, invalid records, names taken by other sources, missing managers, …), each with what to do about it. Open ones by default.',
    visibilityPermission,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          connection: connectionInput(z),
          types: z
            .array(z.enum(CONFLICT_TYPES))
            .optional()
            .describe('Only these conflict types'),
          status: z.enum(['open', 'resolved', 'all']).default('open'),
          q: z.string().max(200).optional().describe('Text to search for'),
          limit: z.number().int().min(1).max(200).default(50),
          offset: z.number().int().min(0).default(0),
        }),
      output: z =>
        z.object({
          items: z.array(conflictSchema(z)),
          totalCount: z.number(),
          limit: z.number(),
          offset: z.number(),
        }),
    },
    action: async ({ input }) => {
      const page = await ctx.connection(input.connection).conflicts({
        types: input.types,
        status: input.status,
        q: input.q,
        limit: input.limit,
        offset: input.offset,
      });
      return { output: page };
    },
  });

  registry.register({
    name: 'paycor-preview-sync',
    title: 'Preview a Paycor sync',
    description:
      "What a sync would change in the catalog now (Users and Groups added, updated, removed; whether the safety guard would hold removals), read from Paycor without applying anything. Spends Paycor's rate budget (a full read).",
    visibilityPermission,
    // reads Paycor and the catalog; applies nothing
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          connection: connectionInput(z),
          limit: z
            .number()
            .int()
            .min(1)
            .max(5000)
            .default(50)
            .describe('Cut each list at this many entities'),
        }),
      output: previewSchema,
    },
    action: async ({ input, credentials }) => {
      const admin = await ctx.permitted(
        credentials,
        paycorSyncRunPermission,
        input.connection,
      );
      const preview = await admin.preview(input.limit);
      return { output: preview };
    },
  });

  registry.register({
    name: 'paycor-sync-now',
    title: 'Sync a Paycor connection now',
    description:
      'Starts a full sync now (on whichever replica picks it up) instead of waiting for the schedule. It may add, update and remove Users and Groups; large removals are held for approval. Refused while a sync is running. Follow it with paycor-sync-status.',
    visibilityPermission,
    // every call starts another full read from Paycor
    attributes: { readOnly: false, idempotent: false, destructive: true },
    schema: {
      input: z => z.object({ connection: connectionInput(z) }),
      output: z =>
        z.object({ connection: z.string(), requestedAt: z.string() }),
    },
    action: async ({ input, credentials }) => {
      const admin = await ctx.permitted(
        credentials,
        paycorSyncRunPermission,
        input.connection,
      );
      const result = await admin.requestSync();
      return {
        output: {
          connection: result.providerId,
          requestedAt: result.requestedAt,
        },
      };
    },
  });

  registry.register({
    name: 'paycor-sync-person',
    title: 'Sync one person from Paycor now',
    description:
      'Re-reads one employee from Paycor and applies them alone (added, updated, or removed when Paycor no longer lists them), then returns their fresh trace. A few Paycor calls instead of a full read.',
    visibilityPermission,
    // the catalog ends up the same however often it is repeated; a
    // terminated person's User is removed
    attributes: { readOnly: false, idempotent: true, destructive: true },
    schema: {
      input: z =>
        z.object({
          connection: connectionInput(z),
          employeeId: z
            .string()
            .min(1)
            .max(255)
            .describe("Paycor's employee id (a GUID)"),
        }),
      output: z =>
        z.object({
          run: syncRunSchema(z),
          person: personDetailSchema(z).optional(),
          message: z.string(),
          fullSyncRequestedAt: z.string().optional(),
        }),
    },
    action: async ({ input, credentials }) => {
      const admin = await ctx.permitted(
        credentials,
        paycorSyncRunPermission,
        input.connection,
      );
      const result = await admin.syncPerson(input.employeeId);
      return { output: result };
    },
  });

  registry.register({
    name: 'paycor-rehome-department',
    title: 'Re-home a Paycor department',
    description:
      "Puts a department's Group under another Group in the catalog (any existing Group, e.g. an admin group), instead of the parent Paycor's hierarchy gives it. Applied at once; undo with paycor-undo-rehome.",
    visibilityPermission,
    attributes: { readOnly: false, idempotent: true, destructive: true },
    schema: {
      input: z =>
        z.object({
          connection: connectionInput(z),
          departmentId: z
            .string()
            .min(1)
            .max(255)
            .describe("Paycor's department id"),
          parent: z
            .string()
            .min(1)
            .describe('The new parent Group, e.g. group:default/engineering'),
          note: z.string().max(500).optional().describe('Why, for the record'),
        }),
      output: departmentSchema,
    },
    action: async ({ input, credentials }) => {
      const admin = await ctx.permitted(
        credentials,
        paycorSyncManagePermission,
        input.connection,
      );
      const request = ctx.parse(setParentRequestSchema, {
        parent: input.parent,
        ...(input.note !== undefined ? { note: input.note } : {}),
      });
      const view = await admin.rehome(input.departmentId, request);
      return { output: view };
    },
  });

  registry.register({
    name: 'paycor-undo-rehome',
    title: 'Undo a department re-home',
    description:
      "Takes a re-homed department's Group back under the parent Paycor's hierarchy gives it. Applied at once.",
    visibilityPermission,
    attributes: { readOnly: false, idempotent: true, destructive: true },
    schema: {
      input: z =>
        z.object({
          connection: connectionInput(z),
          departmentId: z
            .string()
            .min(1)
            .max(255)
            .describe("Paycor's department id"),
        }),
      output: departmentSchema,
    },
    action: async ({ input, credentials }) => {
      const admin = await ctx.permitted(
        credentials,
        paycorSyncManagePermission,
        input.connection,
      );
      const view = await admin.undoRehome(input.departmentId);
      return { output: view };
    },
  });
}

/** The ids the module registers (without the `catalog:` prefix). */
export const PAYCOR_ACTION_NAMES = [
  'paycor-sync-status',
  'paycor-explain-person',
  'paycor-list-conflicts',
  'paycor-preview-sync',
  'paycor-sync-now',
  'paycor-sync-person',
  'paycor-rehome-department',
  'paycor-undo-rehome',
] as const;
