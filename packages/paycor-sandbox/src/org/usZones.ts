import type { LegalEntity } from '../paycor/types';

/**
 * The IANA zone most of each US state lives in (plus DC and Puerto Rico),
 * grouped by zone. The company's calendar day is taken in its headquarters'
 * zone (the module under test infers the same from the same address).
 */
const STATES_BY_ZONE: Record<string, readonly string[]> = {
  'America/New_York': [
    'CT',
    'DC',
    'DE',
    'FL',
    'GA',
    'KY',
    'MA',
    'MD',
    'ME',
    'NC',
    'NH',
    'NJ',
    'NY',
    'OH',
    'PA',
    'RI',
    'SC',
    'VA',
    'VT',
    'WV',
  ],
  'America/Detroit': ['MI'],
  'America/Indiana/Indianapolis': ['IN'],
  'America/Chicago': [
    'AL',
    'AR',
    'IA',
    'IL',
    'KS',
    'LA',
    'MN',
    'MO',
    'MS',
    'ND',
    'NE',
    'OK',
    'SD',
    'TN',
    'TX',
    'WI',
  ],
  'America/Denver': ['CO', 'MT', 'NM', 'UT', 'WY'],
  'America/Boise': ['ID'],
  'America/Phoenix': ['AZ'],
  'America/Los_Angeles': ['CA', 'NV', 'OR', 'WA'],
  'America/Anchorage': ['AK'],
  'Pacific/Honolulu': ['HI'],
  'America/Puerto_Rico': ['PR'],
};

const ZONE_OF_STATE = new Map(
  Object.entries(STATES_BY_ZONE).flatMap(([zone, states]) =>
    states.map(state => [state, zone] as const),
  ),
);

/** The zone of a US state code, whatever its case; UTC for anything else. */
export function zoneOfUsState(state: string | null | undefined): string {
  return ZONE_OF_STATE.get(state?.trim().toUpperCase() ?? '') ?? 'UTC';
}

/**
 * The zone of a legal entity's headquarters: the state of its primary
 * address under its legal name, else of any address that has one (primary
 * before others, the legal name before others); UTC when none does.
 */
export function zoneOfLegalEntity(legalEntity: LegalEntity): string {
  const rank = (nameType: unknown, addressType: unknown) =>
    (addressType === 'Primary' ? 0 : 2) + (nameType === 'Legal' ? 0 : 1);
  const best = (legalEntity.businessNames ?? [])
    .flatMap(name =>
      (name.addresses ?? []).map(address => ({
        state: address.state,
        rank: rank(name.type, address.type),
      })),
    )
    .filter(address => address.state)
    .sort((a, b) => a.rank - b.rank)[0];
  return zoneOfUsState(best?.state);
}
