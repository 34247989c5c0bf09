import type { Response } from 'express';

/**
 * Holds on requests (latency, timeout faults). Tracked so `stop()` can release every one
 * of them and clear their timers; a held request whose client hangs up is released at
 * once.
 */
export class PendingTimers {
  private readonly releases = new Set<() => void>();

  /**
   * Resolves true after `ms` (never, when `ms` is undefined), or false as soon as the
   * client disconnects or `cancelAll()` runs.
   */
  hold(res: Response, ms: number | undefined): Promise<boolean> {
    return new Promise(resolve => {
      const hold = {
        timer: undefined as NodeJS.Timeout | undefined,
        abandon: () => hold.settle(false),
        settle: (elapsed: boolean) => {
          if (hold.timer) clearTimeout(hold.timer);
          this.releases.delete(hold.abandon);
          res.off('close', hold.abandon);
          resolve(elapsed);
        },
      };
      if (ms !== undefined)
        hold.timer = setTimeout(() => hold.settle(true), Math.max(0, ms));
      this.releases.add(hold.abandon);
      res.on('close', hold.abandon);
    });
  }

  get size(): number {
    return this.releases.size;
  }

  /** Releases every held request as abandoned. */
  cancelAll(): void {
    for (const release of [...this.releases]) release();
  }
}
