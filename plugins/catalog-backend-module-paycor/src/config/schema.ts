import { groupRefSchema } from '@paycor-backstage/plugin-paycor-common';
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { EMPLOYMENT_STATUSES, EMPLOYMENT_TYPES } from './constants';

/**
 * The one description of a provider's config block
 * (`catalog.providers.paycor.<id>`): what is accepted (the input side, which
 * `config.d.ts` must describe the same way — see schema.test.ts), the
 * defaults, and the shape the module works with (the output side, from which
 * `PaycorProviderConfig` is derived).
 */

/** Paycor's API hosts (api.md §1). */
export const PAYCOR_HOSTS = {
  production: 'https://apis.paycor.com',
  sandbox: 'https://apis-sandbox.paycor.com',
} as const;

const ENTITY_NAME = /^[a-zA-Z0-9]+(?:[-_.][a-zA-Z0-9]+)*$/;
const ANNOTATION_KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-_.A-Za-z0-9]*[A-Za-z0-9])?$/;
const SOURCE_PATH = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)*$/;

// Values that come from `${ENV_VAR}` substitution arrive as strings.
const integer = (min: number, max: number) =>
  z.union([
    z.number().int().min(min).max(max),
    z
      .string()
      .regex(/^\d+$/, 'must be a whole number')
      .transform(Number)
      .pipe(z.number().int().min(min).max(max)),
  ]);
const number = (min: number, max: number) =>
  z.union([
    z.number().min(min).max(max),
    z
      .string()
      .regex(/^\d+(\.\d+)?$/, 'must be a number')
      .transform(Number)
      .pipe(z.number().min(min).max(max)),
  ]);
const boolean = z.union([
  z.boolean(),
  z.enum(['true', 'false']).transform(v => v === 'true'),
]);
const required = z.string().trim().min(1, 'is required');
/** Credentials: `config.d.ts` must mark these `@visibility secret`. */
const secret = required.meta({ visibility: 'secret' });
const idOrCodeList = z.array(z.string().trim().min(1)).optional();

export const providerConfigSchema = z
  .strictObject({
    environment: z.enum(['production', 'sandbox']).optional(),
    baseUrl: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
      .optional(),
    legalEntityId: integer(1, 2 ** 31 - 1),
    clientId: required,
    clientSecret: secret,
    subscriptionKey: secret,
    refreshToken: secret,
    enabled: boolean.default(true),
    // Checked by Backstage's own reader (readProviderConfigs); declared here
    // so unknown-key detection does not flag it.
    schedule: z.unknown().optional(),
    namespace: z
      .string()
      .regex(ENTITY_NAME, 'must be a valid entity namespace')
      .max(63)
      .default('default'),
    organization: z
      .strictObject({
        name: z
          .string()
          .regex(ENTITY_NAME, 'must be a valid entity name')
          .max(63)
          .optional(),
        title: z.string().trim().min(1).max(200).optional(),
        ref: groupRefSchema.optional(),
      })
      .refine(o => !(o.ref && (o.name || o.title)), {
        message: 'set either ref (an existing Group) or name/title, not both',
      })
      .default({}),
    userNaming: z
      .enum([
        'email-local-part',
        'email',
        'employee-number',
        'employee-id',
        'first-last',
      ])
      .default('email-local-part'),
    groupNaming: z
      .strictObject({
        strategy: z.enum(['name', 'code', 'id']).default('name'),
        prefix: z
          .string()
          .regex(
            /^([a-z0-9]+[-_.])*$/,
            'must be lowercase letters/digits ending in "-", "_" or "." (e.g. "paycor-")',
          )
          .max(20)
          .default(''),
      })
      .default({ strategy: 'name', prefix: '' }),
    filters: z
      .strictObject({
        statuses: z.array(z.enum(EMPLOYMENT_STATUSES)).min(1).optional(),
        departments: z
          .strictObject({ include: idOrCodeList, exclude: idOrCodeList })
          .optional(),
        locations: z
          .strictObject({ include: idOrCodeList, exclude: idOrCodeList })
          .optional(),
        employmentTypes: z.array(z.enum(EMPLOYMENT_TYPES)).min(1).optional(),
        emailDomains: z
          .array(
            z
              .string()
              .trim()
              .toLowerCase()
              .regex(
                /^[a-z0-9.-]+\.[a-z]{2,}$/,
                'must be a domain like example.com',
              ),
          )
          .min(1)
          .optional(),
        excludeEmployeeIds: z.array(z.string().trim().min(1)).optional(),
        excludeEmails: z
          .array(z.string().trim().toLowerCase().min(3))
          .optional(),
      })
      .default({}),
    onLeave: z.enum(['include', 'exclude']).default('include'),
    preStartDays: integer(0, 365).default(0),
    emptyDepartments: z.enum(['skip', 'include']).default('skip'),
    timeZone: z
      .string()
      .refine(zone => IANAZone.isValidZone(zone), {
        message: 'must be an IANA time zone such as America/New_York',
      })
      .optional(),
    fieldMapping: z
      .strictObject({
        annotations: z
          .record(
            z.string().regex(ANNOTATION_KEY, 'must be a valid annotation key'),
            z
              .string()
              .regex(
                SOURCE_PATH,
                'must be a dotted Paycor field path like positionData.jobCode',
              ),
          )
          .default({}),
        labels: z
          .record(
            z.string().regex(ANNOTATION_KEY, 'must be a valid label key'),
            z
              .string()
              .regex(
                SOURCE_PATH,
                'must be a dotted Paycor field path like statusData.flsa',
              ),
          )
          .default({}),
      })
      .default({ annotations: {}, labels: {} }),
    departmentParents: z
      .record(z.string().trim().min(1), groupRefSchema)
      .default({}),
    reportingLines: z
      .strictObject({
        enabled: boolean.default(true),
        // department id or code → the head's employee id, employee number
        // or work email (matched in that order)
        departmentHeads: z
          .record(z.string().trim().min(1), z.string().trim().min(1))
          .default({}),
      })
      .default({ enabled: true, departmentHeads: {} }),
    removalGuard: z
      .strictObject({
        maxRemovalPercent: number(0, 100).default(10),
        // removals that would leave catalog entities without an existing owner
        ownedEntities: z.enum(['hold', 'warn', 'off']).default('hold'),
      })
      .default({ maxRemovalPercent: 10, ownedEntities: 'hold' }),
    history: z
      .strictObject({ retentionDays: integer(0, 3650).default(90) })
      .default({ retentionDays: 90 }),
    notifications: z
      .strictObject({
        recipients: z.array(z.string().trim().min(1)).default([]),
      })
      .default({ recipients: [] }),
    // Live updates from Paycor's event notifications (README "Live updates").
    events: z
      .strictObject({
        enabled: boolean.default(false),
        secret: secret.optional(),
        // Guess (api.md §7): Paycor sends the notification secret verbatim,
        // probably in Authorization; configurable until that is confirmed.
        secretHeader: z
          .string()
          .trim()
          .toLowerCase()
          .regex(/^[a-z0-9!#$%&'*+.^_`|~-]+$/, 'must be an HTTP header name')
          .default('authorization'),
      })
      .refine(e => !e.enabled || e.secret !== undefined, {
        message: 'is required when events.enabled is true',
        path: ['secret'],
      })
      .default({ enabled: false, secretHeader: 'authorization' }),
    request: z
      .strictObject({
        timeoutMs: integer(1000, 300_000).default(30_000),
        maxRetries: integer(0, 10).default(4),
        // Paycor allows 1000 calls/min per subscription key across all APIs;
        // keep headroom for other integrations sharing the key.
        maxCallsPerMinute: integer(1, 1000).default(900),
      })
      .default({ timeoutMs: 30_000, maxRetries: 4, maxCallsPerMinute: 900 }),
  })
  .refine(c => c.environment || c.baseUrl, {
    message: 'set environment (production | sandbox) or baseUrl',
    path: ['environment'],
    // also report it when other fields are invalid, so one pass shows all
    when: ({ value }) => typeof value === 'object' && value !== null,
  })
  .transform(({ environment, baseUrl, schedule: _schedule, ...rest }) => {
    const url = (baseUrl ?? PAYCOR_HOSTS[environment!]).replace(/\/+$/, '');
    return { environment: environmentOf(url), baseUrl: url, ...rest };
  });

function environmentOf(baseUrl: string): 'production' | 'sandbox' | 'custom' {
  if (baseUrl === PAYCOR_HOSTS.production) return 'production';
  if (baseUrl === PAYCOR_HOSTS.sandbox) return 'sandbox';
  return 'custom';
}
