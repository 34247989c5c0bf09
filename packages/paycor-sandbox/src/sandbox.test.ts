import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { generateOrg } from './org/generate';
import { startPaycorSandbox } from './sandbox';

describe('startPaycorSandbox', () => {
  it('listens on 127.0.0.1 on a random port with random credentials by default', async () => {
    const a = await startPaycorSandbox({ employees: 10 });
    const b = await startPaycorSandbox({ employees: 10 });
    try {
      expect(a.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(a.url).not.toBe(b.url);
      expect(a.credentials.clientSecret).not.toBe(b.credentials.clientSecret);
      expect(a.credentials.refreshToken).toMatch(/^[0-9A-F]{64}$/);
      expect(a.credentials).toMatchObject({
        legalEntityId: 501123,
        tenantId: 10138,
      });
      expect(a.control.getSummary().employees).toBe(10);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it('uses fixed credentials and shapes the generated org with the legal entity id', async () => {
    const sandbox = await startPaycorSandbox({
      employees: 10,
      credentials: {
        clientId: 'c',
        clientSecret: 's',
        subscriptionKey: 'k',
        refreshToken: 'r',
        legalEntityId: 42,
        tenantId: 7,
      },
    });
    try {
      expect(sandbox.credentials).toEqual({
        clientId: 'c',
        clientSecret: 's',
        subscriptionKey: 'k',
        refreshToken: 'r',
        legalEntityId: 42,
        tenantId: 7,
      });
      const token = await request(sandbox.url)
        .post('/sts/v1/common/token?subscription-key=k')
        .type('form')
        .send({
          grant_type: 'refresh_token',
          refresh_token: 'r',
          client_id: 'c',
          client_secret: 's',
        })
        .expect(200);
      const { body } = await request(sandbox.url)
        .get('/v1/legalentities/42/employees')
        .set('Authorization', `Bearer ${token.body.access_token}`)
        .set('Ocp-Apim-Subscription-Key', 'k')
        .expect(200);
      expect(body.records[0].legalEntity).toEqual({
        id: '42',
        url: '/v1/legalentities/42',
      });
    } finally {
      await sandbox.stop();
    }
  });

  it('serves a fixture given as a file path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paycor-sandbox-'));
    const file = join(dir, 'org.json');
    writeFileSync(
      file,
      JSON.stringify(
        generateOrg({ seed: 2, employees: 15, legalEntityId: 777 }),
      ),
    );
    const sandbox = await startPaycorSandbox({ fixture: file });
    try {
      expect(sandbox.credentials.legalEntityId).toBe(777);
      expect(sandbox.control.getSummary().employees).toBe(15);
    } finally {
      await sandbox.stop();
    }
  });

  it('stops promptly even with idle keep-alive connections, and stop() is idempotent', async () => {
    const sandbox = await startPaycorSandbox({ employees: 5 });
    const agent = request.agent(sandbox.url);
    await agent.get('/_sandbox').set('Connection', 'keep-alive').expect(200);
    const started = Date.now();
    await Promise.all([sandbox.stop(), sandbox.stop()]);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('rejects unknown scope names', async () => {
    await expect(
      startPaycorSandbox({
        employees: 5,
        scopes: ['View Legal Entity Employees', 'Everything'],
      }),
    ).rejects.toThrow(/scopes\.1/);
  });
});
