import { Agent, request } from 'node:http';
import type { SandboxProcess } from './sandbox';

/*
 * Reading a sandbox's whole legal entity over HTTP with a plain client (token, legal
 * entity, every department and employee page), for measurements that start from Paycor's
 * pages rather than from a sync: bench/stages.ts and bench/reportingLines.ts.
 */

function get(
  agent: Agent,
  url: string,
  headers: Record<string, string>,
  method = 'GET',
  body?: string,
) {
  return new Promise<string>((resolve, reject) => {
    const req = request(url, { method, headers, agent }, res => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Every page of the legal entity, as JSON text, with the credentials used. */
export async function readPages(sandbox: SandboxProcess) {
  const c = await sandbox.mint();
  const agent = new Agent({ keepAlive: true });
  const form = new URLSearchParams({
    grant_type: 'refresh_token',
    refresh_token: c.refreshToken,
    client_id: c.clientId,
    client_secret: c.clientSecret,
  }).toString();
  const token = JSON.parse(
    await get(
      agent,
      `${c.baseUrl}/sts/v1/common/token?subscription-key=${c.subscriptionKey}`,
      { 'Content-Type': 'application/x-www-form-urlencoded' },
      'POST',
      form,
    ),
  );
  const headers = {
    Authorization: `Bearer ${token.access_token}`,
    'Ocp-Apim-Subscription-Key': c.subscriptionKey,
  };
  const base = `${c.baseUrl}/v1/legalentities/${c.legalEntityId}`;
  const list = async (path: string, query: string) => {
    const texts: string[] = [];
    let next: string | undefined;
    for (;;) {
      const text = await get(
        agent,
        `${path}?${[query, next ? `continuationToken=${next}` : '']
          .filter(Boolean)
          .join('&')}`,
        headers,
      );
      texts.push(text);
      const page = JSON.parse(text);
      if (!page.hasMoreResults) return texts;
      next = page.continuationToken;
    }
  };
  const legalEntity = await get(
    agent,
    `${base}?include=BusinessNames`,
    headers,
  );
  const departments = await list(`${base}/departments`, '');
  const employees = await list(
    `${base}/employees`,
    'include=All&emailType=Work',
  );
  agent.destroy();
  return { legalEntity, departments, employees, credentials: c };
}
