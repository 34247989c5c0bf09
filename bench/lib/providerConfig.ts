import type { MintedCredentials } from './sandbox';

export const PROVIDER_ID = 'acme';

/**
 * The provider's config, used by the sync harness and the catalog backend alike, so both
 * emit the same entities. Defaults everywhere (naming, filters, time zone inferred from
 * the legal entity, 900 calls/min budget); syncs are triggered, never scheduled.
 */
export function providerConfigBlock(
  credentials: MintedCredentials,
  /** merged into the provider's block, e.g. `{ reportingLines: { enabled: false } }` */
  extra: Record<string, unknown> = {},
) {
  return {
    catalog: {
      providers: {
        paycor: {
          [PROVIDER_ID]: {
            baseUrl: credentials.baseUrl,
            legalEntityId: credentials.legalEntityId,
            clientId: credentials.clientId,
            clientSecret: credentials.clientSecret,
            subscriptionKey: credentials.subscriptionKey,
            refreshToken: credentials.refreshToken,
            schedule: {
              frequency: { trigger: 'manual' },
              timeout: { minutes: 30 },
            },
            ...extra,
          },
        },
      },
    },
  };
}
