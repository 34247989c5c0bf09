import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  generateOrg,
  NO_DIRTY_DATA,
  startPaycorSandbox,
} from '@paycor-backstage/paycor-sandbox';
import { PAYCOR_ANNOTATIONS } from '@paycor-backstage/plugin-paycor-common';
import { surelyExpectedUsers } from '../__testUtils__/expectedOrg';
import { PROVIDER_ID, startPaycorTestBackend } from '../__testUtils__/paycorTestBackend';

jest.setTimeout(180_000);

const P = `/providers/${PROVIDER_ID}`;

describe('an entity already owned by another source', () => {
  it('is reported as a conflict naming the other owner, and left alone', async () => {
    const org = generateOrg({ seed: 51, employees: 120, dirtyData: NO_DIRTY_DATA });
    const someone = surelyExpectedUsers(org).find(e => e.email?.emailAddress)!;
    const name = someone.email!.emailAddress!.split('@')[0].toLowerCase();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'paycor-owned-'));
    const yaml = path.join(dir, 'people.yaml');
    writeFileSync(
      yaml,
      `apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata:\n  name: ${name}\nspec:\n  memberOf: []\n`,
    );
    const sandbox = await startPaycorSandbox({ fixture: org });
    const backend = await startPaycorTestBackend({
      sandbox,
      locations: [{ type: 'file', target: yaml }],
    });
    try {
      await backend.eventually(
        () => backend.entity(`user:default/${name}`),
        e => Boolean(e),
      );
      expect((await backend.syncNow()).status).toBe('succeeded');
      const res = await backend.api('get', `${P}/conflicts?type=owned-by-other-source`);
      expect(res.body.items).toHaveLength(1);
      expect(res.body.items[0]).toMatchObject({
        entityRef: `user:default/${name}`,
        status: 'open',
      });
      expect(res.body.items[0].message).toContain(`file:${yaml}`);
      expect(res.body.items[0].resolution).toMatch(/Remove the other definition/);
      const entity = await backend.entity(`user:default/${name}`);
      expect(entity?.metadata.annotations?.[PAYCOR_ANNOTATIONS.employeeId]).toBeUndefined();
    } finally {
      await backend.stop();
      await sandbox.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('effective dating', () => {
  it('adds a future hire on their hire date, in the configured time zone', async () => {
    const sandbox = await startPaycorSandbox({ employees: 200, seed: 61, dirtyData: NO_DIRTY_DATA });
    let now = new Date();
    const backend = await startPaycorTestBackend({
      sandbox,
      module: { clock: () => now },
      provider: { timeZone: 'America/New_York' },
    });
    try {
      const today = now.toISOString().slice(0, 10);
      const hire = sandbox.control
        .getOrg()
        .employees.filter(
          e =>
            e.statusData?.status === 'Active' &&
            (e.employmentDateData?.hireDate ?? '').slice(0, 10) > today,
        )
        .sort((a, b) =>
          a.employmentDateData!.hireDate!.localeCompare(b.employmentDateData!.hireDate!),
        )[0];
      expect(hire).toBeDefined();
      const hasHire = async () =>
        (await backend.entities('user')).some(
          u => u.metadata.annotations?.[PAYCOR_ANNOTATIONS.employeeId] === hire.id,
        );

      expect((await backend.syncNow()).status).toBe('succeeded');
      await backend.settled();
      expect(await hasHire()).toBe(false);

      // 23:30 UTC the day before: already their hire date? No — New York is 5
      // hours behind, so it is still the day before there.
      const hireDay = hire.employmentDateData!.hireDate!.slice(0, 10);
      const dayBefore = new Date(Date.parse(`${hireDay}T00:00:00Z`) - 30 * 60_000);
      now = dayBefore;
      await backend.syncNow();
      await backend.settled();
      expect(await hasHire()).toBe(false);

      // 05:30 UTC on the hire date is 00:30 in New York: they start today.
      now = new Date(Date.parse(`${hireDay}T05:30:00Z`));
      const run = await backend.syncNow();
      expect(run.counts.added).toBeGreaterThanOrEqual(1);
      await backend.eventually(hasHire, present => present);
    } finally {
      await backend.stop();
      await sandbox.stop();
    }
  });
});
