/**
 * A small, fast, seedable PRNG (sfc32, seeded through splitmix32). The generator must be
 * byte-for-byte deterministic for a seed, so nothing in `org/` may use Math.random or
 * the wall clock; everything random flows from one of these.
 */
const HEX_BYTES = Array.from({ length: 256 }, (_, b) =>
  b.toString(16).padStart(2, '0'),
);

interface WeightTable<K extends string> {
  keys: K[];
  cumulative: number[];
  total: number;
}

/** Weight tables are derived once per weights object (callers keep them as constants). */
const weightTables = new WeakMap<object, WeightTable<string>>();

function weightTableOf<K extends string>(
  weights: Readonly<Record<K, number>>,
): WeightTable<K> {
  let table = weightTables.get(weights) as WeightTable<K> | undefined;
  if (!table) {
    const keys = Object.keys(weights) as K[];
    const cumulative: number[] = [];
    let total = 0;
    for (const key of keys) {
      total += weights[key];
      cumulative.push(total);
    }
    table = { keys, cumulative, total };
    weightTables.set(weights, table);
  }
  return table;
}

export class SeededRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let state = seed >>> 0;
    const next = () => {
      state = (state + 0x9e3779b9) >>> 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** A child stream whose sequence does not depend on how much of this one is consumed later. */
  fork(label: number): SeededRandom {
    return new SeededRandom(
      (this.nextUint32() ^ Math.imul(label, 0x27d4eb2d)) >>> 0,
    );
  }

  nextUint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [min, max] (inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick() from an empty list');
    return items[Math.floor(this.next() * items.length)];
  }

  /**
   * Picks a key of `weights` with probability proportional to its weight. Pass a
   * module-level constant: the cumulative table is cached per weights object.
   */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const { keys, cumulative, total } = weightTableOf(weights);
    const roll = this.next() * total;
    for (let i = 0; i < keys.length; i++) {
      if (roll < cumulative[i]) return keys[i];
    }
    return keys[keys.length - 1];
  }

  /** `length` lowercase hex digits. */
  hex(length: number): string {
    let out = '';
    while (out.length < length) {
      const word = this.nextUint32();
      out +=
        HEX_BYTES[word >>> 24] +
        HEX_BYTES[(word >>> 16) & 0xff] +
        HEX_BYTES[(word >>> 8) & 0xff] +
        HEX_BYTES[word & 0xff];
    }
    return out.length === length ? out : out.slice(0, length);
  }

  /** Fisher–Yates shuffle of a copy. */
  shuffle<T>(items: readonly T[]): T[] {
    const copy = items.slice();
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
  }

  /** Picks `count` distinct items, in the order they appear in `items`. */
  sample<T>(items: readonly T[], count: number): T[] {
    const chosen = new Set(
      this.shuffle(items.map((_, i) => i)).slice(0, count),
    );
    return items.filter((_, i) => chosen.has(i));
  }
}
