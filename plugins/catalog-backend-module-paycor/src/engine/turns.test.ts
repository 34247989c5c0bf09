import { readFile } from 'node:fs/promises';
import { mapInTurns, nextTurn, TimeSlice } from './turns';

/** Runs `fn` with a 0 ms interval timer counting its ticks into `seen`. */
async function withTicks(seen: string[], fn: () => Promise<unknown>) {
  const timer = setInterval(() => seen.push('tick'), 0);
  try {
    await fn();
  } finally {
    clearInterval(timer);
  }
}

describe('mapInTurns', () => {
  it('maps like Array.prototype.map', async () => {
    for (const length of [0, 1, 499, 500, 1234]) {
      const items = Array.from({ length }, (_, i) => i);
      for (const sliceMs of [0, 1000]) {
        await expect(mapInTurns(items, i => i * 2, sliceMs)).resolves.toEqual(
          items.map(i => i * 2),
        );
      }
    }
  });

  it('gives timers a turn between pieces once its slice is used up', async () => {
    const seen: string[] = [];
    const items = Array.from({ length: 1500 }, (_, i) => i);
    await withTicks(seen, () =>
      mapInTurns(items, i => seen.push(`item ${i}`), 0),
    );
    const between = (a: number, b: number) =>
      seen.slice(seen.indexOf(`item ${a}`) + 1, seen.indexOf(`item ${b}`));
    expect(between(499, 500)).toContain('tick');
    expect(between(999, 1000)).toContain('tick');
    // not within a piece
    expect(between(0, 499)).not.toContain('tick');
  });

  it('takes no turn while its slice lasts', async () => {
    const seen: string[] = [];
    const items = Array.from({ length: 1500 }, (_, i) => i);
    await withTicks(seen, () =>
      mapInTurns(items, i => seen.push(`item ${i}`), 60_000),
    );
    const first = seen.indexOf('item 0');
    const last = seen.indexOf('item 1499');
    expect(seen.slice(first, last)).not.toContain('tick');
  });
});

describe('TimeSlice', () => {
  it('yields only once its time has run', async () => {
    const seen: string[] = [];
    await withTicks(seen, async () => {
      const long = new TimeSlice(60_000);
      seen.push('start');
      await long.yieldIfDue();
      seen.push('long slice');
      const spent = new TimeSlice(0);
      await spent.yieldIfDue();
      seen.push('spent slice');
    });
    expect(seen.slice(0, 2)).toEqual(['start', 'long slice']);
    expect(seen.indexOf('spent slice')).toBeGreaterThan(
      seen.indexOf('long slice') + 1,
    );
  });
});

describe('nextTurn', () => {
  it('gives timers a turn even to work resumed from I/O', async () => {
    // resumed in the poll phase, as work after a database query is
    await readFile(__filename);
    const seen: string[] = [];
    setTimeout(() => seen.push('timer'), 0);
    await nextTurn();
    seen.push('resumed');
    expect(seen).toEqual(['timer', 'resumed']);
  });
});
