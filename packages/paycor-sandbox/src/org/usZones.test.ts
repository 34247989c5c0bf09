import type { LegalEntity } from '../paycor/types';
import { zoneOfLegalEntity, zoneOfUsState } from './usZones';

describe('zoneOfUsState', () => {
  it('knows every state, whatever the case', () => {
    expect(zoneOfUsState('OH')).toBe('America/New_York');
    expect(zoneOfUsState(' tx ')).toBe('America/Chicago');
    expect(zoneOfUsState('AZ')).toBe('America/Phoenix');
    expect(zoneOfUsState('nj')).toBe('America/New_York');
    expect(zoneOfUsState('WI')).toBe('America/Chicago');
    expect(zoneOfUsState('HI')).toBe('Pacific/Honolulu');
  });

  it('falls back to UTC for anything else', () => {
    expect(zoneOfUsState('ZZ')).toBe('UTC');
    expect(zoneOfUsState('')).toBe('UTC');
    expect(zoneOfUsState(null)).toBe('UTC');
    expect(zoneOfUsState(undefined)).toBe('UTC');
  });
});

describe('zoneOfLegalEntity', () => {
  const entity = (businessNames: unknown): LegalEntity =>
    ({ id: 1, businessNames } as unknown as LegalEntity);

  it('prefers the primary address under the legal name', () => {
    expect(
      zoneOfLegalEntity(
        entity([
          {
            type: 'DoingBusinessAs',
            addresses: [{ type: 'Primary', state: 'CA' }],
          },
          {
            type: 'Legal',
            addresses: [
              { type: 'Mailing', state: 'TX' },
              { type: 'Primary', state: 'NY' },
            ],
          },
        ]),
      ),
    ).toBe('America/New_York');
  });

  it('takes any address with a state when the primary has none', () => {
    expect(
      zoneOfLegalEntity(
        entity([
          {
            type: 'Legal',
            addresses: [
              { type: 'Primary', state: null },
              { type: 'Mailing', state: 'WA' },
            ],
          },
        ]),
      ),
    ).toBe('America/Los_Angeles');
  });

  it('is UTC without addresses', () => {
    expect(zoneOfLegalEntity(entity(undefined))).toBe('UTC');
    expect(zoneOfLegalEntity(entity([{ type: 'Legal' }]))).toBe('UTC');
  });
});
