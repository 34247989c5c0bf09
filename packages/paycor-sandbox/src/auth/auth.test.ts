import request from 'supertest';
import {
  manualClock,
  startTestSandbox,
  type TestSandbox,
} from '../__testUtils__/sandboxClient';
import { DATA_ACCESS_SCOPES } from '../paycor/scopes';
import { decodeJwt } from './jwt';

describe('authentication', () => {
  describe('token endpoint', () => {
    const clock = manualClock();
    let t: TestSandbox;
    beforeAll(async () => {
      t = await startTestSandbox({
        employees: 20,
        now: clock.now,
        refreshTokenGraceSeconds: 30,
      });
    });
    afterAll(() => t.stop());

    it('exchanges a refresh token for a JWT-shaped access token and a new refresh token', async () => {
      const { refreshToken } = t.control.mintTokens();
      const { body, headers } = await t.refresh(refreshToken).expect(200);
      expect(Object.keys(body)).toEqual([
        'access_token',
        'expires_in',
        'token_type',
        'refresh_token',
      ]);
      expect(body).toMatchObject({ expires_in: 1800, token_type: 'Bearer' });
      expect(headers['cache-control']).toBe('no-store');
      expect(body.refresh_token).toMatch(/^[0-9A-F]{64}$/);
      expect(body.refresh_token).not.toBe(refreshToken);
      const claims = decodeJwt(body.access_token);
      expect(claims).toMatchObject({
        iss: `${t.sandbox.url}/sts/v2/common`,
        client_id: t.sandbox.credentials.clientId,
        scope: [expect.stringMatching(/^[0-9a-f]{32}$/), 'offline_access'],
        paycor_clients: {
          C: [
            {
              ClientId: t.legalEntityId,
              CompanyId: t.sandbox.credentials.tenantId,
              EmployeeUid: null,
            },
          ],
        },
      });
      expect(claims.exp as number).toBe((claims.iat as number) + 1800);
      for (const claim of ['aud', 'nbf', 'sub', 'jti', 'sid'])
        expect(claims[claim]).toBeDefined();
    });

    it('rotates: the old refresh token works only during the grace period', async () => {
      const { refreshToken: first } = t.control.mintTokens();
      const { body } = await t.refresh(first).expect(200);
      clock.advance(29_000);
      await t.refresh(first).expect(200);
      clock.advance(1_000);
      expect((await t.refresh(first).expect(400)).body).toEqual({
        error: 'invalid_grant',
      });
      // The rotated-in token still works, and rotates in turn.
      const second = await t.refresh(body.refresh_token).expect(200);
      expect(second.body.refresh_token).not.toBe(body.refresh_token);
    });

    it('answers invalid_client for a wrong secret or client id and invalid_grant for an unknown token', async () => {
      const { refreshToken } = t.control.mintTokens();
      expect(
        (await t.refresh(refreshToken, { client_secret: 'wrong' }).expect(400))
          .body,
      ).toEqual({ error: 'invalid_client' });
      expect(
        (await t.refresh(refreshToken, { client_id: 'other' }).expect(400))
          .body,
      ).toEqual({ error: 'invalid_client' });
      // A rejected attempt must not burn the token.
      await t.refresh(refreshToken).expect(200);
      expect((await t.refresh('0'.repeat(64)).expect(400)).body).toEqual({
        error: 'invalid_grant',
      });
      expect(
        (await t.refresh(refreshToken, { grant_type: 'password' }).expect(400))
          .body,
      ).toEqual({ error: 'unsupported_grant_type' });
      expect(
        (await t.refresh(refreshToken, { grant_type: '' }).expect(400)).body,
      ).toEqual({ error: 'invalid_request' });
    });

    it('accepts client credentials via HTTP Basic and the key via header', async () => {
      const { refreshToken, clientId, clientSecret, subscriptionKey } =
        t.control.mintTokens();
      await request(t.sandbox.url)
        .post('/sts/v1/common/token')
        .set('Ocp-Apim-Subscription-Key', subscriptionKey)
        .auth(clientId, clientSecret)
        .type('form')
        .send({ grant_type: 'refresh_token', refresh_token: refreshToken })
        .expect(200);
    });

    it('requires the subscription key on the token endpoint too', async () => {
      const { refreshToken } = t.control.mintTokens();
      const { body } = await request(t.sandbox.url)
        .post('/sts/v1/common/token')
        .type('form')
        .send({ grant_type: 'refresh_token', refresh_token: refreshToken })
        .expect(401);
      expect(body.message).toMatch(
        /^Access denied due to missing subscription key/,
      );
    });

    it('expires access tokens after 1800 s of the sandbox clock', async () => {
      const token = await t.accessToken();
      const path = `/v1/legalentities/${t.legalEntityId}/departments`;
      clock.advance(1_799_000);
      await t.get(path, { Authorization: `Bearer ${token}` }).expect(200);
      clock.advance(1_000);
      const expired = await t
        .get(path, { Authorization: `Bearer ${token}` })
        .expect(401);
      expect(expired.text).toBe('');
      expect(expired.headers['www-authenticate']).toBe(
        'Bearer error="invalid_token"',
      );
    });
  });

  it('sticky initial refresh token keeps working after rotation; non-sticky does not', async () => {
    const sticky = await startTestSandbox({
      employees: 5,
      stickyInitialRefreshToken: true,
    });
    const plain = await startTestSandbox({ employees: 5 });
    try {
      for (let i = 0; i < 3; i++)
        await sticky
          .refresh(sticky.sandbox.credentials.refreshToken)
          .expect(200);
      await plain.refresh(plain.sandbox.credentials.refreshToken).expect(200);
      await plain.refresh(plain.sandbox.credentials.refreshToken).expect(400);
    } finally {
      await sticky.stop();
      await plain.stop();
    }
  });

  describe('401 and 403 on API calls', () => {
    let t: TestSandbox;
    beforeAll(async () => {
      t = await startTestSandbox({ employees: 20 });
    });
    afterAll(() => t.stop());
    const employees = () => `/v1/legalentities/${t.legalEntityId}/employees`;

    it('tells a missing or invalid subscription key (APIM JSON) from a bad token (empty body)', async () => {
      const missing = await t
        .get(employees(), { 'Ocp-Apim-Subscription-Key': undefined })
        .expect(401);
      expect(missing.body).toEqual({
        statusCode: 401,
        message:
          'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.',
      });
      const invalid = await t
        .get(employees(), { 'Ocp-Apim-Subscription-Key': 'nope' })
        .expect(401);
      expect(invalid.body.message).toMatch(
        /^Access denied due to invalid subscription key/,
      );

      for (const authorization of [
        undefined,
        'Bearer not.a.jwt',
        `Basic ${t.token}`,
        `Bearer ${t.token}x`,
      ]) {
        const response = await t
          .get(employees(), { Authorization: authorization })
          .expect(401);
        expect(response.text).toBe('');
      }
    });

    it('accepts the key as the subscription-key query parameter', async () => {
      await t
        .get(`${employees()}?subscription-key=${t.subscriptionKey}`, {
          'Ocp-Apim-Subscription-Key': undefined,
        })
        .expect(200);
    });

    it('answers 403 PaycorError when the token lacks the endpoint’s Data Access', async () => {
      t.control.setScopes(
        DATA_ACCESS_SCOPES.filter(s => s !== 'View Legal Entity Employees'),
      );
      const limited = await t.accessToken();
      t.control.setScopes([...DATA_ACCESS_SCOPES]);
      const { body } = await t
        .get(employees(), { Authorization: `Bearer ${limited}` })
        .expect(403);
      expect(body).toEqual({
        correlationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        title: 'Forbidden',
        detail: expect.stringContaining("'View Legal Entity Employees'"),
        source: null,
      });
      // Tokens minted before the change keep their scopes.
      await t.get(employees()).expect(200);
    });

    it('answers 403 when an include needs a scope the token lacks (All included)', async () => {
      t.control.setScopes(
        DATA_ACCESS_SCOPES.filter(
          s => s !== 'View Legal Entity Employees Status',
        ),
      );
      const limited = await t.accessToken();
      t.control.setScopes([...DATA_ACCESS_SCOPES]);
      const auth = { Authorization: `Bearer ${limited}` };
      await t.get(`${employees()}?include=Position`, auth).expect(200);
      const status = await t
        .get(`${employees()}?include=Status`, auth)
        .expect(403);
      expect(status.body.detail).toContain(
        "'View Legal Entity Employees Status'",
      );
      await t.get(`${employees()}?include=All`, auth).expect(403);
    });

    it('rejects unknown scope names', () => {
      expect(() => t.control.setScopes(['View Everything' as never])).toThrow(
        /scopes\.0/,
      );
    });
  });
});
