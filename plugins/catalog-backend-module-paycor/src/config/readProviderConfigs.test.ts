import { ConfigReader } from '@backstage/config';
import { PaycorConfigError } from '../errors';
import {
  PAYCOR_HOSTS,
  readProviderConfigs,
  readProviderConfigsFromData,
} from './readProviderConfigs';

// Distinctive values, so a leak into an error message cannot go unnoticed.
const CLIENT_SECRET = 'cs-5ecret-do-not-print';
const SUBSCRIPTION_KEY = 'sk-5ecret-do-not-print';
const REFRESH_TOKEN = 'rt-5ecret-do-not-print';
const SECRETS = [CLIENT_SECRET, SUBSCRIPTION_KEY, REFRESH_TOKEN];

const minimal = {
  environment: 'sandbox',
  legalEntityId: 501123,
  clientId: 'client-id',
  clientSecret: CLIENT_SECRET,
  subscriptionKey: SUBSCRIPTION_KEY,
  refreshToken: REFRESH_TOKEN,
};

function read(providers: Record<string, unknown>) {
  return readProviderConfigsFromData({
    catalog: { providers: { paycor: providers } },
  });
}

/** The one PaycorConfigError a bad config throws (fails the test otherwise). */
function configError(providers: Record<string, unknown>): PaycorConfigError {
  try {
    read(providers);
  } catch (error) {
    expect(error).toBeInstanceOf(PaycorConfigError);
    return error as PaycorConfigError;
  }
  throw new Error('expected a PaycorConfigError, but the config was accepted');
}

function expectNoSecrets(message: string) {
  for (const secret of SECRETS) expect(message).not.toContain(secret);
}

describe('readProviderConfigs', () => {
  it('returns no providers when catalog.providers.paycor is absent', () => {
    expect(readProviderConfigs(new ConfigReader({}))).toEqual([]);
    expect(
      readProviderConfigs(
        new ConfigReader({ catalog: { providers: { github: {} } } }),
      ),
    ).toEqual([]);
  });

  it('fills every default for a minimal block', () => {
    const [provider] = read({ acme: minimal });
    expect(provider).toEqual({
      id: 'acme',
      environment: 'sandbox',
      baseUrl: PAYCOR_HOSTS.sandbox,
      legalEntityId: 501123,
      clientId: 'client-id',
      clientSecret: CLIENT_SECRET,
      subscriptionKey: SUBSCRIPTION_KEY,
      refreshToken: REFRESH_TOKEN,
      enabled: true,
      schedule: {
        frequency: { hours: 1 },
        timeout: { minutes: 15 },
        initialDelay: { seconds: 15 },
      },
      namespace: 'default',
      organization: {},
      userNaming: 'email-local-part',
      groupNaming: { strategy: 'name', prefix: '' },
      filters: {},
      onLeave: 'include',
      preStartDays: 0,
      emptyDepartments: 'skip',
      timeZone: undefined,
      fieldMapping: { annotations: {}, labels: {} },
      departmentParents: {},
      reportingLines: { enabled: true, departmentHeads: {} },
      removalGuard: { maxRemovalPercent: 10, ownedEntities: 'hold' },
    history: { retentionDays: 90 },
      notifications: { recipients: [] },
      events: { enabled: false, secretHeader: 'authorization' },
      request: { timeoutMs: 30_000, maxRetries: 4, maxCallsPerMinute: 900 },
    });
  });

  it('reads several providers, one config each', () => {
    const providers = read({
      acme: minimal,
      globex: { ...minimal, environment: 'production', legalEntityId: 7 },
    });
    expect(providers.map(p => [p.id, p.environment, p.legalEntityId])).toEqual([
      ['acme', 'sandbox', 501123],
      ['globex', 'production', 7],
    ]);
  });

  it('accepts numbers and booleans given as strings, as ${ENV} substitution produces them', () => {
    const [provider] = read({
      acme: {
        ...minimal,
        legalEntityId: '501123',
        enabled: 'false',
        preStartDays: '14',
        removalGuard: { maxRemovalPercent: '12.5' },
        request: {
          timeoutMs: '5000',
          maxRetries: '0',
          maxCallsPerMinute: '100',
        },
      },
    });
    expect(provider.legalEntityId).toBe(501123);
    expect(provider.enabled).toBe(false);
    expect(provider.preStartDays).toBe(14);
    expect(provider.removalGuard.maxRemovalPercent).toBe(12.5);
    expect(provider.request).toEqual({
      timeoutMs: 5000,
      maxRetries: 0,
      maxCallsPerMinute: 100,
    });
    expect(read({ acme: { ...minimal, enabled: 'true' } })[0].enabled).toBe(
      true,
    );
  });

  it('rejects strings that are not whole numbers or booleans', () => {
    const message = configError({
      acme: {
        ...minimal,
        legalEntityId: '501123abc',
        enabled: 'yes',
        preStartDays: '1.5',
      },
    }).message;
    expect(message).toContain('catalog.providers.paycor.acme.legalEntityId');
    expect(message).toContain('catalog.providers.paycor.acme.enabled');
    expect(message).toContain('catalog.providers.paycor.acme.preStartDays');
  });

  describe('environment and baseUrl', () => {
    it('maps production and sandbox to Paycor hosts', () => {
      const [production] = read({
        acme: { ...minimal, environment: 'production' },
      });
      expect(production.baseUrl).toBe('https://apis.paycor.com');
      expect(production.environment).toBe('production');
    });

    it('lets baseUrl win, without its trailing slashes, and calls other hosts custom', () => {
      const [provider] = read({
        acme: {
          ...minimal,
          environment: 'production',
          baseUrl: 'http://127.0.0.1:7010//',
        },
      });
      expect(provider.baseUrl).toBe('http://127.0.0.1:7010');
      expect(provider.environment).toBe('custom');
    });

    it('recognises a Paycor host given as baseUrl', () => {
      const { environment: _omitted, ...withoutEnvironment } = minimal;
      const [provider] = read({
        acme: { ...withoutEnvironment, baseUrl: 'https://apis.paycor.com/' },
      });
      expect(provider.environment).toBe('production');
      expect(provider.baseUrl).toBe('https://apis.paycor.com');
    });

    it('requires one of them', () => {
      const { environment: _omitted, ...withoutEnvironment } = minimal;
      const message = configError({ acme: withoutEnvironment }).message;
      expect(message).toContain('catalog.providers.paycor.acme.environment');
      expect(message).toMatch(/environment .*or baseUrl/);
    });

    it('rejects an unknown environment and a non-http(s) baseUrl', () => {
      const message = configError({
        acme: {
          ...minimal,
          environment: 'staging',
          baseUrl: 'ftp://paycor.example.com',
        },
      }).message;
      expect(message).toContain('catalog.providers.paycor.acme.environment');
      expect(message).toContain(
        'catalog.providers.paycor.acme.baseUrl: must be an http(s) URL',
      );
    });
  });

  describe('bad input', () => {
    it('names every bad key of every provider in one PaycorConfigError', () => {
      const message = configError({
        acme: {
          ...minimal,
          clientSecret: '   ',
          namespace: 'Not A Namespace!',
          userNaming: 'nickname',
          groupNaming: { strategy: 'name', prefix: 'Paycor' },
          filters: {
            statuses: ['Active', 'Fired'],
            emailDomains: ['not a domain'],
          },
          timeZone: 'Mars/Olympus_Mons',
          fieldMapping: {
            annotations: { 'paycor.com/job-code': 'positionData..jobCode' },
          },
          departmentParents: { '110': 'component:default/x' },
          removalGuard: { maxRemovalPercent: 101 },
          request: { timeoutMs: 10, maxRetries: 11, maxCallsPerMinute: 1001 },
        },
        globex: { ...minimal, legalEntityId: 0 },
      }).message;
      for (const path of [
        'acme.clientSecret',
        'acme.namespace',
        'acme.userNaming',
        'acme.groupNaming.prefix',
        'acme.filters.statuses.1',
        'acme.filters.emailDomains.0',
        'acme.timeZone',
        'acme.fieldMapping.annotations.paycor.com/job-code',
        'acme.departmentParents.110',
        'acme.removalGuard.maxRemovalPercent',
        'acme.request.timeoutMs',
        'acme.request.maxRetries',
        'acme.request.maxCallsPerMinute',
        'globex.legalEntityId',
      ]) {
        expect(message).toContain(`catalog.providers.paycor.${path}:`);
      }
    });

    it('names missing required keys', () => {
      const message = configError({ acme: { environment: 'sandbox' } }).message;
      for (const key of [
        'legalEntityId',
        'clientId',
        'clientSecret',
        'subscriptionKey',
        'refreshToken',
      ]) {
        expect(message).toContain(`catalog.providers.paycor.acme.${key}:`);
      }
    });

    it('names a missing environment/baseUrl next to the other problems of the block', () => {
      // "so a platform team fixes their config in one pass": the environment
      // check must not wait until everything else is fixed.
      const { environment: _omitted, ...withoutEnvironment } = minimal;
      const message = configError({
        acme: { ...withoutEnvironment, legalEntityId: 'abc' },
      }).message;
      expect(message).toContain('catalog.providers.paycor.acme.legalEntityId:');
      expect(message).toContain('catalog.providers.paycor.acme.environment:');
    });

    it('names unknown keys with their full path, at every level', () => {
      const message = configError({
        acme: {
          ...minimal,
          refreshTokn: 'typo',
          request: { timeoutMs: 5000, retries: 3 },
          filters: { departments: { only: ['110'] } },
        },
      }).message;
      expect(message).toContain('catalog.providers.paycor.acme.refreshTokn');
      expect(message).toContain(
        'catalog.providers.paycor.acme.request.retries',
      );
      expect(message).toContain(
        'catalog.providers.paycor.acme.filters.departments.only',
      );
    });

    it('rejects both organization.ref and organization.name', () => {
      const message = configError({
        acme: {
          ...minimal,
          organization: { ref: 'group:default/acme', name: 'acme' },
        },
      }).message;
      expect(message).toContain(
        'catalog.providers.paycor.acme.organization: set either ref',
      );
    });

    it('names bad provider ids and still reports the other providers', () => {
      const message = configError({
        'bad id': minimal,
        'a.b': minimal,
        globex: { ...minimal, clientId: '' },
      }).message;
      expect(message).toContain(
        'catalog.providers.paycor.bad id: the provider id must start with a letter',
      );
      expect(message).toContain(
        'catalog.providers.paycor.a.b: the provider id must start with a letter',
      );
      expect(message).toContain('catalog.providers.paycor.globex.clientId:');
    });

    it('treats ids that Backstage config cannot address as bad provider ids, not a crash', () => {
      // `501123` (a legal entity id) and `acme-` pass PROVIDER_ID but are not
      // valid Backstage config keys, so reading them through the Config API throws.
      const message = configError({
        '501123': minimal,
        'acme-': minimal,
      }).message;
      expect(message).toContain('catalog.providers.paycor.501123');
      expect(message).toContain('catalog.providers.paycor.acme-');
    });

    it('reads a valid schedule and names a bad one', () => {
      const [provider] = read({
        acme: {
          ...minimal,
          schedule: { frequency: { minutes: 30 }, timeout: 'PT5M' },
        },
      });
      expect(provider.schedule).toMatchObject({ frequency: { minutes: 30 } });

      const message = configError({
        acme: {
          ...minimal,
          schedule: { frequency: { fortnights: 1 }, timeout: { minutes: 5 } },
        },
      }).message;
      expect(message).toContain('catalog.providers.paycor.acme.schedule');
    });

    it('names a schedule that is not an object instead of crashing', () => {
      const message = configError({
        acme: { ...minimal, schedule: 'hourly' },
      }).message;
      expect(message).toContain('catalog.providers.paycor.acme.schedule');
    });

    it('names a bad schedule next to the other problems of the block', () => {
      const message = configError({
        acme: {
          ...minimal,
          clientId: '',
          schedule: { frequency: { fortnights: 1 } },
        },
      }).message;
      expect(message).toContain('catalog.providers.paycor.acme.clientId:');
      expect(message).toContain('catalog.providers.paycor.acme.schedule');
    });
  });

  describe('secrets', () => {
    it('never prints a configured secret, whatever is wrong with the block', () => {
      const blocks: Record<string, unknown>[] = [
        { ...minimal, legalEntityId: 'x', unknownKey: REFRESH_TOKEN },
        { ...minimal, environment: CLIENT_SECRET },
        { ...minimal, baseUrl: SUBSCRIPTION_KEY },
        { ...minimal, timeZone: REFRESH_TOKEN },
        { ...minimal, namespace: CLIENT_SECRET, userNaming: SUBSCRIPTION_KEY },
        { ...minimal, filters: { statuses: [REFRESH_TOKEN] } },
        {
          ...minimal,
          organization: { ref: `component:default/${CLIENT_SECRET}` },
        },
        { ...minimal, schedule: { frequency: { hours: 1 }, timeout: 'soon' } },
        { ...minimal, clientSecret: 42, subscriptionKey: [SUBSCRIPTION_KEY] },
      ];
      for (const block of blocks) {
        const error = configError({ acme: block });
        expect(error.message).toContain('catalog.providers.paycor.acme.');
        expectNoSecrets(error.message);
        expectNoSecrets(String(error.stack));
      }
    });

    it('does not accept blank secrets', () => {
      const message = configError({
        acme: {
          ...minimal,
          clientSecret: ' ',
          subscriptionKey: '',
          refreshToken: '\t',
        },
      }).message;
      expect(message).toContain(
        'catalog.providers.paycor.acme.clientSecret: is required',
      );
      expect(message).toContain(
        'catalog.providers.paycor.acme.subscriptionKey: is required',
      );
      expect(message).toContain(
        'catalog.providers.paycor.acme.refreshToken: is required',
      );
    });
  });

  it('normalises filters and refs', () => {
    const [provider] = read({
      acme: {
        ...minimal,
        filters: {
          emailDomains: [' Example.COM '],
          excludeEmails: ['Ana@Example.com'],
          departments: { include: [' 110 '] },
        },
        departmentParents: { '110': 'engineering' },
        organization: { ref: 'platform' },
      },
    });
    expect(provider.filters.emailDomains).toEqual(['example.com']);
    expect(provider.filters.excludeEmails).toEqual(['ana@example.com']);
    expect(provider.filters.departments).toEqual({ include: ['110'] });
    expect(provider.departmentParents).toEqual({
      '110': 'group:default/engineering',
    });
    expect(provider.organization.ref).toBe('group:default/platform');
  });
});
