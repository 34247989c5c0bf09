import { makeProvider } from '../../__testUtils__/fixtures';
import {
  formatDuration,
  formatFrequency,
  formatRelative,
  plural,
  providerSubtitle,
  providerTitle,
  splitAtInstants,
} from './formatting';
import { errorMessage, isNotAllowed } from './errors';

describe('formatting', () => {
  it('formats durations compactly', () => {
    expect(formatDuration(undefined)).toBe('—');
    expect(formatDuration(640)).toBe('640 ms');
    expect(formatDuration(21_000)).toBe('21 s');
    expect(formatDuration(185_000)).toBe('3 min 5 s');
    expect(formatDuration(120_000)).toBe('2 min');
    expect(formatDuration(3_720_000)).toBe('1 h 2 min');
  });

  it('describes schedules', () => {
    expect(formatFrequency('PT1H')).toBe('every 1 hour');
    expect(formatFrequency('0 * * * *')).toBe('0 * * * *');
  });

  it('formats relative times and keeps unparsable values', () => {
    expect(
      formatRelative(new Date(Date.now() - 5 * 60_000).toISOString()),
    ).toBe('5 minutes ago');
    expect(formatRelative('yesterday-ish')).toBe('yesterday-ish');
    expect(formatRelative(undefined)).toBe('');
  });

  it('cuts a sentence at the instants in it, and only at valid ones', () => {
    expect(
      splitAtInstants(
        'The last sync (2026-12-06T13:30:41.627Z) failed: timeout. Data stays as of the last good sync (2026-12-05T09:00:00+02:00).',
      ),
    ).toEqual([
      'The last sync (',
      { iso: '2026-12-06T13:30:41.627Z' },
      ') failed: timeout. Data stays as of the last good sync (',
      { iso: '2026-12-05T09:00:00+02:00' },
      ').',
    ]);
    expect(splitAtInstants('Last sync succeeded at 2026-12-06T13:30Z')).toEqual(
      ['Last sync succeeded at ', { iso: '2026-12-06T13:30Z' }],
    );
    // a date without a time, or an impossible one, stays text
    expect(
      splitAtInstants('Hired 2026-12-06; at 2026-13-45T99:00:00Z.'),
    ).toEqual(['Hired 2026-12-06; at 2026-13-45T99:00:00Z.']);
    expect(splitAtInstants('')).toEqual([]);
  });

  it('names providers', () => {
    expect(providerTitle(makeProvider())).toBe('Acme Corp');
    expect(providerTitle(makeProvider({ legalEntity: { id: 42 } }))).toBe(
      'Paycor legal entity 42',
    );
    expect(providerSubtitle(makeProvider())).toBe(
      'acme · legal entity 100200 · production',
    );
  });

  it('pluralizes', () => {
    expect(plural(1, 'user')).toBe('1 user');
    expect(plural(2, 'entity', 'entities')).toBe('2 entities');
  });
});

describe('errors', () => {
  it('prefers the server message of a ResponseError', async () => {
    const { ResponseError } = await import('@backstage/errors');
    const error = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: {
            name: 'NotAllowedError',
            message: 'Missing catalog.paycor.sync.run',
          },
          response: { statusCode: 403 },
        }),
        { status: 403, headers: { 'Content-Type': 'application/json' } },
      ),
    );
    expect(errorMessage(error)).toBe('Missing catalog.paycor.sync.run');
    expect(isNotAllowed(error)).toBe(true);
    expect(errorMessage(new Error('plain'))).toBe('plain');
    expect(isNotAllowed(new Error('plain'))).toBe(false);
  });
});
