import { RefusalReporter } from './RefusalReporter';
import { RefusedDelivery } from './topics';

function setup(perWindow = 3, windowMs = 1000) {
  let now = 0;
  const published: RefusedDelivery[] = [];
  const reporter = new RefusalReporter(
    async refused => {
      published.push({ ...refused });
    },
    { perWindow, windowMs, now: () => now, knownLegalEntityIds: [1, 2] },
  );
  const refuse = (reason: RefusedDelivery['reason'], legalEntityId?: number) =>
    reporter.report({ reason, legalEntityId, at: new Date(now).toISOString() });
  return {
    reporter,
    published,
    refuse,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

const total = (list: RefusedDelivery[]) =>
  list.reduce((sum, r) => sum + (r.count ?? 1), 0);

describe('RefusalReporter', () => {
  afterEach(() => jest.useRealTimers());

  it('passes refusals on one by one up to the window’s allowance', async () => {
    const { published, refuse } = setup();
    await refuse('wrong', 1);
    await refuse('missing');
    await refuse('wrong', 1);
    expect(published.map(r => [r.reason, r.count])).toEqual([
      ['wrong', undefined],
      ['missing', undefined],
      ['wrong', undefined],
    ]);
  });

  it('sums the rest of a flood by reason and legal entity, losing none', async () => {
    const { reporter, published, refuse, advance } = setup();
    for (let i = 0; i < 3; i++) await refuse('wrong', 1);
    for (let i = 0; i < 500; i++) await refuse('wrong', 1);
    for (let i = 0; i < 20; i++) await refuse('missing');
    for (let i = 0; i < 7; i++) await refuse('wrong', 2);
    expect(published).toHaveLength(3);
    advance(400);
    await reporter.flush();
    expect(published.slice(3)).toEqual([
      expect.objectContaining({
        reason: 'wrong',
        legalEntityId: 1,
        count: 500,
      }),
      expect.objectContaining({ reason: 'missing', count: 20 }),
      expect.objectContaining({ reason: 'wrong', legalEntityId: 2, count: 7 }),
    ]);
    expect(total(published)).toBe(530);
  });

  it('flushes what it summed when the window closes, and starts a new allowance', async () => {
    const { published, refuse, advance } = setup();
    for (let i = 0; i < 5; i++) await refuse('wrong', 1);
    expect(total(published)).toBe(3);
    advance(1000);
    await refuse('wrong', 1); // the next window: its first refusal goes on alone
    await new Promise(r => setImmediate(r));
    expect(published.map(r => r.count ?? 1).sort()).toEqual([1, 1, 1, 1, 2]);
    expect(total(published)).toBe(6);
  });

  it('sums legal entities it does not know as none, so made-up ids cannot split a flood', async () => {
    const { reporter, published, refuse } = setup();
    for (let i = 0; i < 3; i++) await refuse('wrong', 1000 + i);
    for (let i = 0; i < 200; i++) await refuse('wrong', 5000 + i);
    await refuse('wrong', 2);
    await reporter.flush();
    // the first three go on as they came; the rest in two sums
    expect(published.slice(0, 3).map(r => r.legalEntityId)).toEqual([
      1000, 1001, 1002,
    ]);
    expect(published.slice(3)).toEqual([
      expect.objectContaining({ reason: 'wrong', count: 200 }),
      expect.objectContaining({ reason: 'wrong', legalEntityId: 2, count: 1 }),
    ]);
    expect(published[3].legalEntityId).toBeUndefined();
  });

  it('flushes on its own once the window has passed, even if nothing else arrives', async () => {
    jest.useFakeTimers();
    const { published, refuse } = setup(1, 1000);
    await refuse('wrong', 1);
    await refuse('wrong', 1);
    await refuse('wrong', 1);
    expect(total(published)).toBe(1);
    await jest.advanceTimersByTimeAsync(1000);
    expect(published).toHaveLength(2);
    expect(total(published)).toBe(3);
  });
});

describe('RefusalReporter under concurrent deliveries', () => {
  it('keeps to one allowance per window when a window opens amid them', async () => {
    let now = 0;
    const published: RefusedDelivery[] = [];
    const reporter = new RefusalReporter(
      async refused => {
        await new Promise(r => setImmediate(r)); // publishing takes a while
        published.push({ ...refused });
      },
      { perWindow: 3, windowMs: 1000, now: () => now },
    );
    const refuse = () =>
      reporter.report({ reason: 'wrong', at: new Date(now).toISOString() });
    for (let i = 0; i < 5; i++) await refuse();
    now = 1000;
    await Promise.all(Array.from({ length: 10 }, refuse));
    await reporter.flush();
    // window 1: 3 alone + 2 summed; window 2: 3 alone + 7 summed
    expect(published.map(r => r.count ?? 1).sort((a, b) => a - b)).toEqual([
      1, 1, 1, 1, 1, 1, 2, 7,
    ]);
  });
});
