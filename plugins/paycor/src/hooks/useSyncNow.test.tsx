import { TestApiProvider } from '@backstage/test-utils';
import { act, renderHook } from '@testing-library/react';
import { ReactNode } from 'react';
import { PaycorSyncApi, paycorSyncApiRef } from '../api';
import { makeProvider, makeRun, minutesAgo } from '../__testUtils__/fixtures';
import { createMockApi } from '../__testUtils__/testHelpers';
import { useSyncNow } from './useSyncNow';

function wrapperFor(api: PaycorSyncApi) {
  return ({ children }: { children: ReactNode }) => (
    <TestApiProvider apis={[[paycorSyncApiRef, api]]}>
      {children}
    </TestApiProvider>
  );
}

describe('useSyncNow', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const provider = makeProvider();
  const newerRun = makeRun({
    id: 'run-201',
    trigger: 'manual',
    startedAt: minutesAgo(0),
    finishedAt: minutesAgo(0),
  });

  function setup() {
    return createMockApi({
      requestSync: async () => ({
        providerId: 'acme',
        requestedAt: minutesAgo(0),
      }),
    });
  }

  it('polls until a newer run has finished', async () => {
    const api = setup();
    api.getProvider
      .mockResolvedValueOnce({ ...provider })
      .mockResolvedValueOnce({
        ...provider,
        running: true,
        lastRun: { ...newerRun, status: 'running', finishedAt: undefined },
      })
      .mockResolvedValue({ ...provider, lastRun: newerRun });
    const { result } = renderHook(
      () => useSyncNow(provider, { pollIntervalMs: 2000 }),
      { wrapper: wrapperFor(api) },
    );

    await act(async () => {
      await result.current.start();
    });
    expect(result.current.state.phase).toBe('waiting');
    expect(result.current.inProgress).toBe(true);

    for (let i = 0; i < 3; i++) {
      await act(async () => {
        await jest.advanceTimersByTimeAsync(2000);
      });
    }
    expect(api.getProvider).toHaveBeenCalledTimes(3);
    expect(result.current.state).toEqual({ phase: 'finished', run: newerRun });
    expect(result.current.latest?.lastRun?.id).toBe('run-201');
    expect(result.current.inProgress).toBe(false);

    // no more polling once finished
    await act(async () => {
      await jest.advanceTimersByTimeAsync(10_000);
    });
    expect(api.getProvider).toHaveBeenCalledTimes(3);
  });

  it('does not mistake a re-apply run for the requested sync', async () => {
    const api = setup();
    const reapply = makeRun({
      id: 'run-200',
      trigger: 'reapply',
      startedAt: minutesAgo(0),
      finishedAt: minutesAgo(0),
    });
    api.getProvider
      .mockResolvedValueOnce({ ...provider, lastRun: reapply })
      .mockResolvedValue({ ...provider, lastRun: newerRun });
    const { result } = renderHook(
      () => useSyncNow(provider, { pollIntervalMs: 1000 }),
      { wrapper: wrapperFor(api) },
    );
    await act(async () => {
      await result.current.start();
    });
    await act(async () => {
      await jest.advanceTimersByTimeAsync(1000);
    });
    expect(result.current.state.phase).toBe('waiting');
    await act(async () => {
      await jest.advanceTimersByTimeAsync(1000);
    });
    expect(result.current.state).toEqual({ phase: 'finished', run: newerRun });
  });

  it('ignores clicks while in progress', async () => {
    const api = setup();
    api.getProvider.mockResolvedValue({ ...provider, running: true });
    const { result } = renderHook(() => useSyncNow(provider), {
      wrapper: wrapperFor(api),
    });
    await act(async () => {
      await result.current.start();
      await result.current.start();
    });
    expect(api.requestSync).toHaveBeenCalledTimes(1);
  });

  it('stops after the bound', async () => {
    const api = setup();
    api.getProvider.mockResolvedValue({ ...provider, running: true });
    const { result } = renderHook(
      () => useSyncNow(provider, { pollIntervalMs: 1000, maxWaitMs: 5000 }),
      { wrapper: wrapperFor(api) },
    );
    await act(async () => {
      await result.current.start();
    });
    for (let i = 0; i < 8; i++) {
      await act(async () => {
        await jest.advanceTimersByTimeAsync(1000);
      });
    }
    expect(result.current.state.phase).toBe('timed-out');
    const calls = api.getProvider.mock.calls.length;
    expect(calls).toBeLessThanOrEqual(6);
    await act(async () => {
      await jest.advanceTimersByTimeAsync(10_000);
    });
    expect(api.getProvider).toHaveBeenCalledTimes(calls);
  });

  it('keeps polling through transient errors', async () => {
    const api = setup();
    api.getProvider
      .mockRejectedValueOnce(new Error('502'))
      .mockResolvedValue({ ...provider, lastRun: newerRun });
    const { result } = renderHook(
      () => useSyncNow(provider, { pollIntervalMs: 1000 }),
      { wrapper: wrapperFor(api) },
    );
    await act(async () => {
      await result.current.start();
    });
    for (let i = 0; i < 2; i++) {
      await act(async () => {
        await jest.advanceTimersByTimeAsync(1000);
      });
    }
    expect(result.current.state.phase).toBe('finished');
  });

  it('reports a refused request', async () => {
    const api = createMockApi({
      requestSync: async () => {
        throw new Error('denied');
      },
    });
    const { result } = renderHook(() => useSyncNow(provider), {
      wrapper: wrapperFor(api),
    });
    await act(async () => {
      await result.current.start();
    });
    expect(result.current.state).toEqual({
      phase: 'failed',
      error: new Error('denied'),
    });
    expect(api.getProvider).not.toHaveBeenCalled();
  });

  it('stops polling on unmount', async () => {
    const api = setup();
    api.getProvider.mockResolvedValue({ ...provider, running: true });
    const { result, unmount } = renderHook(
      () => useSyncNow(provider, { pollIntervalMs: 1000 }),
      { wrapper: wrapperFor(api) },
    );
    await act(async () => {
      await result.current.start();
    });
    await act(async () => {
      await jest.advanceTimersByTimeAsync(1000);
    });
    expect(api.getProvider).toHaveBeenCalledTimes(1);
    unmount();
    await jest.advanceTimersByTimeAsync(10_000);
    expect(api.getProvider).toHaveBeenCalledTimes(1);
    expect(jest.getTimerCount()).toBe(0);
  });
});
