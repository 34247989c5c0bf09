import { createRateBudget, rateBudgetFor, sleep } from './rateBudget';

describe('createRateBudget', () => {
  /** Starts `count` takes at once; resolves with the time each one passed. */
  function takeAll(budget: ReturnType<typeof createRateBudget>, count: number) {
    const passed: number[] = [];
    const done = Promise.all(
      Array.from({ length: count }, () =>
        budget.take().then(() => passed.push(Date.now())),
      ),
    ).then(() => passed);
    return done;
  }

  /** Calls i and i+limit must be a whole interval apart (1 ms of clock rounding allowed). */
  function expectNoWindowOverLimit(
    passed: number[],
    limit: number,
    interval: number,
  ) {
    for (let i = 0; i + limit < passed.length; i++) {
      expect(passed[i + limit] - passed[i]).toBeGreaterThanOrEqual(
        interval - 1,
      );
    }
  }

  it('never lets more than `limit` calls through in any window', async () => {
    // Fake timers: every timer fires exactly on time, so this checks the
    // schedule itself, whatever the load on the machine.
    jest.useFakeTimers({ now: 1_000_000 });
    try {
      const passing = takeAll(createRateBudget(3, 200), 10);
      await jest.advanceTimersByTimeAsync(2_000);
      const passed = await passing;
      expect(passed).toHaveLength(10);
      expectNoWindowOverLimit(passed, 3, 200);
    } finally {
      jest.useRealTimers();
    }
  });

  it('keeps the limit when a timer fires late (the event loop was busy)', async () => {
    // The sync parses large pages and transforms whole orgs on the same event
    // loop; a stall delays the timers due meanwhile but not the later ones.
    const budget = createRateBudget(3, 200);
    const passing = takeAll(budget, 10);
    const stall = setTimeout(() => {
      const until = Date.now() + 50;
      while (Date.now() < until) {
        // busy: the 4th call's timer (due at ~200 ms) fires ~40 ms late
      }
    }, 190);
    const passed = await passing;
    clearTimeout(stall);
    expect(passed).toHaveLength(10);
    expectNoWindowOverLimit(passed, 3, 200);
  });

  it('lets the first `limit` calls through without waiting for a window', async () => {
    const budget = createRateBudget(3, 60_000);
    // Would hang (and time out) if any of the three had to wait a minute.
    await expect(
      Promise.all([budget.take(), budget.take(), budget.take()]),
    ).resolves.toHaveLength(3);
  });

  it('holds every call until pauseUntil has passed', async () => {
    const budget = createRateBudget(1_000, 1_000);
    const pausedAt = Date.now();
    budget.pauseUntil(pausedAt + 300);
    await budget.take();
    expect(Date.now() - pausedAt).toBeGreaterThanOrEqual(295);
  });

  it('keeps the later of two pauses', async () => {
    const budget = createRateBudget(1_000, 1_000);
    const pausedAt = Date.now();
    budget.pauseUntil(pausedAt + 300);
    budget.pauseUntil(pausedAt + 50); // an earlier 429's shorter wait must not shorten it
    await budget.take();
    expect(Date.now() - pausedAt).toBeGreaterThanOrEqual(295);
  });

  it('gives up waiting out a pause when the caller aborts', async () => {
    const budget = createRateBudget(1_000, 1_000);
    budget.pauseUntil(Date.now() + 60_000);
    const controller = new AbortController();
    const taking = budget.take(controller.signal);
    controller.abort(new Error('run cancelled'));
    await expect(taking).rejects.toThrow('run cancelled');
  });
});

describe('rateBudgetFor', () => {
  it('shares one budget per subscription key and limit', () => {
    expect(rateBudgetFor('key-a', 900)).toBe(rateBudgetFor('key-a', 900));
    expect(rateBudgetFor('key-a', 900)).not.toBe(rateBudgetFor('key-b', 900));
    expect(rateBudgetFor('key-a', 900)).not.toBe(rateBudgetFor('key-a', 500));
  });
});

describe('sleep', () => {
  it('resolves after the delay', async () => {
    const started = Date.now();
    await sleep(50);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });

  it('rejects with the abort reason as soon as the signal aborts', async () => {
    const controller = new AbortController();
    const sleeping = sleep(60_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(sleeping).rejects.toThrow('stop');
  });

  it('rejects at once when the signal is already aborted', async () => {
    await expect(
      sleep(60_000, AbortSignal.abort(new Error('already'))),
    ).rejects.toThrow('already');
  });

  it('stops listening to the signal once it has slept', async () => {
    const controller = new AbortController();
    const remove = jest.spyOn(controller.signal, 'removeEventListener');
    await sleep(1, controller.signal);
    expect(remove).toHaveBeenCalledWith('abort', expect.any(Function));
  });
});
