import { nextTurn } from '../../lib/next-turn.js';

/**
 * Cuts a long loop into slices that let the event loop run in between, so one 50,000-row import
 * does not hold every other request (health checks, chat intake) for the second it takes. A
 * slice ends after `sliceMs` of work or `sliceItems` items, whichever comes first: workerd's
 * clock does not advance while JavaScript runs, so there only the count ends a slice.
 * Usage in a hot loop: `if (budget.spent()) await budget.yield();` (no await per item).
 */
export class TurnBudget {
  private started = performance.now();
  private items = 0;
  constructor(
    private readonly sliceMs = 8,
    private readonly sliceItems = 2000,
  ) {}

  /** Counts one item; true when this slice is used up and the caller should yield. */
  spent(weight = 1): boolean {
    this.items += weight;
    return this.items >= this.sliceItems || performance.now() - this.started >= this.sliceMs;
  }

  /** Lets the I/O and timers already due run, then starts a new slice. */
  async yield(): Promise<void> {
    await new Promise<void>((resolve) => nextTurn(resolve));
    this.started = performance.now();
    this.items = 0;
  }

  /** Yields when the slice is used up (for loops where an await per item is cheap enough). */
  async step(weight = 1): Promise<void> {
    if (this.spent(weight)) await this.yield();
  }
}
