import { MetricsService } from '@backstage/backend-plugin-api/alpha';
import { metricsServiceMock } from '@backstage/backend-test-utils/alpha';
import { SyncRun } from '@paycor-backstage/plugin-paycor-common';
import { Transport } from '../client/httpTransport';
import { meteredTransport } from './metered';
import { PAYCOR_METRICS, PaycorMetrics } from './PaycorMetrics';

/** The instruments the metrics created, by name. */
function instruments(service: jest.Mocked<MetricsService>) {
  const byName = new Map<string, any>();
  for (const create of [
    service.createCounter,
    service.createHistogram,
    service.createGauge,
  ]) {
    create.mock.calls.forEach(([name], i) =>
      byName.set(name, create.mock.results[i].value),
    );
  }
  return byName;
}

const run = (overrides: Partial<SyncRun>): SyncRun => ({
  id: 'r1',
  providerId: 'acme',
  trigger: 'schedule',
  status: 'succeeded',
  startedAt: '2026-01-01T00:00:00Z',
  durationMs: 2500,
  apiCalls: 12,
  counts: {
    fetchedEmployees: 100,
    fetchedDepartments: 5,
    users: 90,
    groups: 6,
    added: 3,
    updated: 2,
    removed: 1,
    skipped: 10,
    held: 0,
  },
  ...overrides,
});

describe('PaycorMetrics', () => {
  it('records a finished run: duration in seconds, changes, entities by kind', () => {
    const service = metricsServiceMock.mock();
    const metrics = new PaycorMetrics(service);
    metrics.runFinished(run({}));
    const m = instruments(service);
    expect(m.get(PAYCOR_METRICS.syncDuration).record).toHaveBeenCalledWith(
      2.5,
      {
        provider: 'acme',
        trigger: 'schedule',
        outcome: 'succeeded',
      },
    );
    expect(m.get(PAYCOR_METRICS.syncChanges).record.mock.calls).toEqual([
      [3, { provider: 'acme', trigger: 'schedule', change: 'added' }],
      [2, { provider: 'acme', trigger: 'schedule', change: 'updated' }],
      [1, { provider: 'acme', trigger: 'schedule', change: 'removed' }],
      [0, { provider: 'acme', trigger: 'schedule', change: 'held' }],
    ]);
    expect(m.get(PAYCOR_METRICS.entities).record.mock.calls).toEqual([
      [90, { provider: 'acme', kind: 'user' }],
      [6, { provider: 'acme', kind: 'group' }],
    ]);
    expect(m.get(PAYCOR_METRICS.syncHeld).add).not.toHaveBeenCalled();
  });

  it('counts held runs, and records only the duration of a failed one', () => {
    const service = metricsServiceMock.mock();
    const metrics = new PaycorMetrics(service);
    metrics.runFinished(run({ status: 'held' }));
    metrics.runFinished(run({ status: 'failed', trigger: 'manual' }));
    const m = instruments(service);
    expect(m.get(PAYCOR_METRICS.syncHeld).add).toHaveBeenCalledWith(1, {
      provider: 'acme',
      trigger: 'schedule',
    });
    expect(m.get(PAYCOR_METRICS.syncDuration).record).toHaveBeenCalledTimes(2);
    expect(m.get(PAYCOR_METRICS.entities).record).toHaveBeenCalledTimes(2);
  });

  it('counts Paycor requests by outcome through the metered transport, 429s apart', async () => {
    const service = metricsServiceMock.mock();
    const metrics = new PaycorMetrics(service);
    const statuses = [200, 429, 503, 404];
    const inner: Transport = async () => {
      const status = statuses.shift();
      if (status === undefined) throw new Error('socket hang up');
      return { status, header: () => undefined, text: '' };
    };
    const transport = meteredTransport(inner, 'acme', metrics);
    const call = () =>
      transport('http://x', {
        method: 'GET',
        headers: {},
        signal: new AbortController().signal,
      });
    for (let i = 0; i < 4; i++) await call();
    await expect(call()).rejects.toThrow('socket hang up');
    const m = instruments(service);
    expect(
      m
        .get(PAYCOR_METRICS.apiCalls)
        .add.mock.calls.map((c: any[]) => c[1].outcome),
    ).toEqual([
      'success',
      'throttled',
      'server-error',
      'client-error',
      'network-error',
    ]);
    expect(m.get(PAYCOR_METRICS.apiThrottled).add.mock.calls).toEqual([
      [1, { provider: 'acme' }],
    ]);
  });

  it('records event lag, ignoring impossible values', () => {
    const service = metricsServiceMock.mock();
    const metrics = new PaycorMetrics(service);
    metrics.recordEventLag('acme', 4.2, 'employee.updated');
    metrics.recordEventLag('acme', -1, 'employee.updated');
    metrics.recordEventLag('acme', Number.NaN, 'employee.updated');
    expect(
      instruments(service).get(PAYCOR_METRICS.eventLag).record.mock.calls,
    ).toEqual([[4.2, { provider: 'acme', type: 'employee.updated' }]]);
  });
});
