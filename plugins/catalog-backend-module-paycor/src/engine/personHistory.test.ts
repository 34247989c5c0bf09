import { mockServices } from '@backstage/backend-test-utils';
import { recordPersonChanges } from './personHistory';
import type { EngineContext } from './context';

function contextWith(retentionDays: number) {
  const record = jest.fn(async () => {});
  const purge = jest.fn(async () => 0);
  const now = new Date('2026-12-06T12:00:00Z');
  const ctx = {
    config: { id: 'acme', history: { retentionDays } },
    stores: { personHistory: { record, purge } },
    clock: () => now,
    logger: mockServices.logger.mock(),
  } as unknown as EngineContext;
  return { ctx, record, purge, now };
}

const run = { id: 'run-1' } as any;
const changes = [{ employeeId: 'e-1', change: 'added' }] as any;

describe('recordPersonChanges', () => {
  it('records the changes and drops what is older than the retention', async () => {
    const { ctx, record, purge } = contextWith(90);
    await recordPersonChanges(ctx, run, changes);
    expect(record).toHaveBeenCalledWith('acme', run, changes);
    expect(purge).toHaveBeenCalledWith(
      'acme',
      new Date('2026-09-07T12:00:00Z'),
    );
  });

  it('with a retention of 0 records nothing and drops what an earlier retention kept', async () => {
    const { ctx, record, purge, now } = contextWith(0);
    await recordPersonChanges(ctx, run, changes);
    expect(record).not.toHaveBeenCalled();
    expect(purge).toHaveBeenCalledWith('acme', now);
  });

  it('does not fail the run when the history cannot be written', async () => {
    const { ctx, record } = contextWith(30);
    record.mockRejectedValueOnce(new Error('disk full'));
    await expect(recordPersonChanges(ctx, run, changes)).resolves.toBeUndefined();
    expect(ctx.logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('disk full'),
    );
  });
});
