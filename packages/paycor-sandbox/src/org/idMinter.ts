import { paycorGuidFromHex } from '../paycor/ids';
import type { SeededRandom } from './random';

/** Mints unique Paycor-shaped GUIDs from a seeded stream (never from the wall clock). */
export class IdMinter {
  private readonly issued = new Set<string>();

  constructor(
    private readonly random: SeededRandom,
    taken: Iterable<string> = [],
  ) {
    for (const id of taken) this.issued.add(id.toLowerCase());
  }

  next(): string {
    for (;;) {
      const id = paycorGuidFromHex(this.random.hex(20));
      if (!this.issued.has(id)) {
        this.issued.add(id);
        return id;
      }
    }
  }
}
