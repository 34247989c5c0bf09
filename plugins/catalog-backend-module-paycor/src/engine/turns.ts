import { setTimeout as sleep } from 'node:timers/promises';
import type { Steps } from '../ingest/steps';

/**
 * Work on a whole org is seconds of CPU at 100k employees. Done in one piece
 * it would hold up everything else the backend does meanwhile: its HTTP
 * requests (health checks included), the catalog's processing, other
 * providers. These helpers give the event loop a turn between pieces, but
 * only once a piece has run for a while: short work (an admin edit planned
 * from memory) finishes without waiting behind whatever else is queued.
 */

/** How long work runs before it gives the event loop a turn. */
export const SLICE_MS = 50;

/**
 * Resolves after the event loop has had a whole turn: timers, I/O (incoming
 * requests) and immediates. A timer rather than `setImmediate`: work resumed
 * from an I/O callback that yields with `setImmediate` runs again in the same
 * turn's check phase, before any other I/O is read.
 */
export function nextTurn(): Promise<void> {
  return sleep(0);
}

/** Tells long work when its slice of the event loop is used up. */
export class TimeSlice {
  private started = performance.now();

  constructor(private readonly sliceMs: number) {}

  /** Gives the event loop a turn if this slice has run its time. */
  async yieldIfDue(): Promise<void> {
    if (performance.now() - this.started < this.sliceMs) return;
    await nextTurn();
    this.started = performance.now();
  }
}

/**
 * Steps (see ingest/steps.ts) run to their end, giving the event loop a turn
 * once `sliceMs` of work has run.
 */
export async function runStepsInTurns<T>(
  steps: Steps<T>,
  sliceMs = SLICE_MS,
): Promise<T> {
  const slice = new TimeSlice(sliceMs);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await slice.yieldIfDue();
  }
}

/** Items between two looks at the clock in `mapInTurns`. */
const ITEMS_PER_CHECK = 500;

/**
 * `items.map(fn)`, giving the event loop a turn whenever a slice of
 * `sliceMs` has been used.
 */
export async function mapInTurns<T, R>(
  items: readonly T[],
  fn: (item: T) => R,
  sliceMs = SLICE_MS,
): Promise<R[]> {
  const slice = new TimeSlice(sliceMs);
  const out: R[] = new Array(items.length);
  for (let start = 0; start < items.length; start += ITEMS_PER_CHECK) {
    if (start > 0) await slice.yieldIfDue();
    const end = Math.min(items.length, start + ITEMS_PER_CHECK);
    for (let i = start; i < end; i++) out[i] = fn(items[i]);
  }
  return out;
}
