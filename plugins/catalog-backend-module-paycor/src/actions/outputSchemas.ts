/**
 * Output schemas of the actions, built with the `z` the actions registry
 * passes in (zod/v3: its JSON schema is what assistants see). They describe
 * the admin API's types field by field; a field another release adds is
 * dropped from an action's output until it is listed here.
 */
import type { z as zod } from 'zod/v3';

type Z = typeof zod;

export const connectionInput = (z: Z) =>
  z
    .string()
    .min(1)
    .optional()
    .describe(
      'The Paycor connection (provider id under catalog.providers.paycor). May be left out when exactly one is configured.',
    );

export const runCountsSchema = (z: Z) =>
  z.object({
    fetchedEmployees: z.number(),
    fetchedDepartments: z.number(),
    users: z.number(),
    groups: z.number(),
    added: z.number(),
    updated: z.number(),
    removed: z.number(),
    skipped: z.number(),
    held: z.number(),
  });

export const syncRunSchema = (z: Z) =>
  z.object({
    id: z.string(),
    trigger: z
      .string()
      .describe('schedule, manual, reapply, approval or person'),
    status: z
      .string()
      .describe('running, succeeded, held, failed or abandoned'),
    startedAt: z.string(),
    finishedAt: z.string().optional(),
    durationMs: z.number().optional(),
    counts: runCountsSchema(z),
    apiCalls: z.number().describe('Paycor API calls the run made'),
    error: z.object({ name: z.string(), message: z.string() }).optional(),
  });

export const personSummarySchema = (z: Z) =>
  z.object({
    employeeId: z.string(),
    employeeNumber: z.string().optional(),
    displayName: z.string(),
    email: z.string().optional(),
    outcome: z
      .string()
      .describe(
        'synced, not-yet-started, terminated, on-leave, status-not-synced, excluded, filtered, duplicate-email, invalid-record or owned-by-other-source',
      ),
    inCatalog: z.boolean(),
    entityRef: z.string().optional(),
  });

export const personDetailSchema = (z: Z) =>
  personSummarySchema(z).extend({
    steps: z
      .array(
        z.object({
          step: z.string(),
          outcome: z.string().describe('pass, fail, skip or info'),
          detail: z.string(),
        }),
      )
      .describe('From the Paycor record to the catalog, in order'),
    history: z
      .array(
        z.object({
          runId: z.string(),
          trigger: z.string().optional(),
          at: z.string(),
          change: z.string(),
          entityRef: z.string().optional(),
          fields: z.array(z.string()).optional(),
          detail: z.string(),
        }),
      )
      .describe('What runs changed for them, newest first'),
    computedAt: z.string(),
    snapshotAt: z.string(),
    timeZone: z.string(),
  });

export const conflictSchema = (z: Z) =>
  z.object({
    id: z.string(),
    type: z.string(),
    subject: z.object({
      kind: z.string(),
      id: z.string(),
      label: z.string().optional(),
    }),
    entityRef: z.string().optional(),
    message: z.string(),
    resolution: z.string().describe('What to do about it'),
    status: z.string(),
    firstSeenAt: z.string(),
    lastSeenAt: z.string(),
    occurrences: z.number(),
  });

const entitySummarySchema = (z: Z) =>
  z.object({
    entityRef: z.string(),
    kind: z.string(),
    displayName: z.string().optional(),
  });

export const previewSchema = (z: Z) =>
  z.object({
    generatedAt: z.string(),
    counts: runCountsSchema(z),
    added: z.array(entitySummarySchema(z)),
    updated: z.array(
      entitySummarySchema(z).extend({ fields: z.array(z.string()) }),
    ),
    removed: z.array(entitySummarySchema(z)),
    wouldHold: z
      .boolean()
      .describe(
        'Whether the safety guard would hold the removals for approval',
      ),
    holdReason: z.string().optional(),
    conflicts: z.array(
      conflictSchema(z).pick({
        type: true,
        subject: true,
        entityRef: true,
        message: true,
      }),
    ),
    limit: z.number().describe('Each list is cut at this many items'),
  });

export const departmentSchema = (z: Z) =>
  z.object({
    id: z.string(),
    name: z.string(),
    paycorParentRef: z
      .string()
      .optional()
      .describe("The Group Paycor's hierarchy alone would put it under"),
    effectiveParentRef: z
      .string()
      .optional()
      .describe('The parent the catalog actually gets'),
    entityRef: z.string().optional(),
    override: z
      .object({
        parent: z.string(),
        note: z.string().optional(),
        setBy: z.string(),
        setAt: z.string(),
        source: z.string(),
      })
      .optional(),
    memberCount: z.number(),
    state: z.string(),
  });
