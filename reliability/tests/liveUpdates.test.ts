/*
 * Live updates on two backend processes with the module and the events
 * backend on one PostgreSQL: 200 employee changes, each delivered as a Paycor
 * event notification to one replica or the other (some to both, as a
 * redelivery would), are each applied exactly once: one one-person run per
 * person, every event recorded once and applied by exactly one replica, and
 * both replicas did part of the work.
 */
import { randomUUID } from 'node:crypto';
import { BackendProcess, P, stopAllBackends } from '../lib/backendProcess';
import { postgresAvailable } from '../lib/database';
import { sleep, waitFor, writeFragment } from '../lib/results';
import { Scenario } from '../lib/scenario';

const SECRET = 'Bearer rel-live-updates-secret';
const CHANGES = 200;

afterAll(() => stopAllBackends());

(postgresAvailable() ? describe : describe.skip)(
  'live updates on two replicas on one PostgreSQL',
  () => {
    let scenario: Scenario;
    let a: BackendProcess;
    let b: BackendProcess;
    const figures: Record<string, any> = {};

    beforeAll(async () => {
      scenario = await new Scenario({
        name: 'live-updates',
        kind: 'postgres',
        sandbox: { employees: 300, seed: 11 },
        provider: { events: { enabled: true, secret: SECRET } },
      }).init();
      scenario.secret('notification secret', SECRET);
      a = scenario.backend('a', undefined, { events: true });
      b = scenario.backend('b', undefined, { events: true });
      await a.start();
      await b.start();
      const res = await a.api('POST', `${P}/sync`);
      expect(res.status).toBe(202);
      await waitFor(
        'the first sync',
        () => a.status(),
        s => s.lastRun?.status === 'succeeded' && !s.running,
        120_000,
        300,
      );
    });

    afterAll(async () => {
      writeFragment('live-updates', figures);
      await scenario?.teardown();
    });

    async function deliver(replica: BackendProcess, event: object) {
      const res = await fetch(`${replica.url}/api/events/http/paycor`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: SECRET },
        body: JSON.stringify(event),
      });
      return res.status;
    }

    it(`applies ${CHANGES} events spread over both replicas once each`, async () => {
      const { control, credentials } = scenario.sandbox;
      const people = control
        .getOrg()
        .employees.filter(e => e.statusData?.status === 'Active')
        .slice(0, CHANGES);
      expect(people).toHaveLength(CHANGES);
      const t0 = new Date().toISOString();
      const statuses: number[] = [];
      const titles = new Map<string, string>();
      let redelivered = 0;
      for (const [i, person] of people.entries()) {
        const title = `Live ${i}`;
        titles.set(person.id, title);
        control.updateEmployee(person.id, {
          positionData: { jobTitle: title },
        });
        const event = {
          eventType: 'Employee.Modified',
          eventId: randomUUID(),
          tenantId: Number(credentials.tenantId),
          legalEntityId: Number(credentials.legalEntityId),
          itemId: person.id,
          extendedProperties: null,
          changedFields: null,
          resource: { id: person.id, url: `/v1/employees/${person.id}` },
        };
        const first = i % 2 === 0 ? a : b;
        statuses.push(await deliver(first, event));
        // every fifth also reaches the other replica (a redelivery)
        if (i % 5 === 0) {
          redelivered += 1;
          statuses.push(await deliver(first === a ? b : a, event));
        }
        if (i % 20 === 19) await sleep(200);
      }
      expect(new Set(statuses)).toEqual(new Set([202]));

      const rows = await waitFor(
        'every event applied',
        () =>
          scenario.db.query(k =>
            k('paycor_events').where({ provider_id: 'acme' }),
          ),
        (rs: any[]) =>
          rs.length === CHANGES && rs.every(r => r.status === 'applied'),
        240_000,
        500,
      );
      const runs = await scenario.db.query(k =>
        k('paycor_runs')
          .where({ provider_id: 'acme', trigger: 'event' })
          .andWhere('started_at', '>=', t0),
      );
      const history = await scenario.db.query(k =>
        k('paycor_person_history')
          .where({ provider_id: 'acme', trigger: 'event' })
          .andWhere('at', '>=', t0),
      );
      const changesPerPerson = new Map<string, number>();
      for (const h of history) {
        changesPerPerson.set(
          h.employee_id,
          (changesPerPerson.get(h.employee_id) ?? 0) + 1,
        );
      }
      const byReplica = new Map<string, number>();
      for (const r of rows) {
        const holder = String(r.claimed_by).split(':')[0];
        byReplica.set(holder, (byReplica.get(holder) ?? 0) + 1);
      }
      const runIds = new Set(rows.map((r: any) => r.run_id));
      figures.events = {
        changes: CHANGES,
        deliveries: statuses.length,
        redelivered,
        eventRows: rows.length,
        eventRuns: runs.length,
        runsFailed: runs.filter((r: any) => r.status !== 'succeeded').length,
        peopleChanged: changesPerPerson.size,
        maxChangesPerPerson: Math.max(...changesPerPerson.values()),
        appliedByReplica: [...byReplica.values()].sort((x, y) => x - y),
      };
      // each event once, by one replica, in its own run
      expect(rows).toHaveLength(CHANGES);
      expect(runIds.size).toBe(CHANGES);
      expect(runs).toHaveLength(CHANGES);
      expect(runs.every((r: any) => r.status === 'succeeded')).toBe(true);
      // each person updated exactly once for their one change
      expect(changesPerPerson.size).toBe(CHANGES);
      expect([...changesPerPerson.values()].every(n => n === 1)).toBe(true);
      // both replicas applied events
      expect(byReplica.size).toBe(2);
      // the status counts the redeliveries as duplicates, from either replica
      const [sa, sb] = await Promise.all([a.status(), b.status()]);
      expect(sa.liveUpdates).toEqual(sb.liveUpdates);
      expect(sa.liveUpdates?.today.duplicates).toBe(redelivered);
      expect(sa.liveUpdates?.today.applied).toBe(CHANGES);
      // the catalog serves every new title
      const wrong = await waitFor(
        'the catalog serving every new title',
        async () => {
          const users = await a.api(
            'GET',
            '/api/catalog/entities/by-query?filter=kind=user&limit=1000&fields=metadata.annotations',
          );
          const served = new Map<string, string>(
            users.body.items.map((u: any) => [
              u.metadata.annotations['paycor.com/employee-id'],
              u.metadata.annotations['paycor.com/job-title'],
            ]),
          );
          return [...titles].filter(([id, title]) => served.get(id) !== title);
        },
        w => w.length === 0,
        180_000,
        1000,
      );
      expect(wrong).toEqual([]);
    });

    it('no secret in any log line or response of either replica', async () => {
      await scenario.storedTokens();
      await Promise.all([a.stop(), b.stop()]);
      expect(scenario.scanSecrets().leaks).toEqual([]);
    });
  },
);
