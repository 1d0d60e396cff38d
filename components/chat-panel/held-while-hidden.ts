/**
 * A view's inputs, made anew at each render while the view is on screen and, while it is not, at
 * most once each `refreshMs`: an element given the same objects does no work, so a hidden view
 * costs little however often the panel renders, stays nearly current for what looks into it, and
 * is made anew the first time it is shown again.
 */
export class HeldWhileHidden<K extends object, T extends object> {
  readonly #last = new WeakMap<K, { value: T; at: number; waking: boolean }>();

  constructor(
    private readonly refreshMs: number,
    /** Asks for another render: a view held at a render gets one when its time is up. */
    private readonly schedule: (wake: () => void, ms: number) => void = (wake, ms) => void setTimeout(wake, ms),
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The inputs for `key`: made now when `shown`, never made, or older than `refreshMs`; else the ones made last. */
  get(key: K, shown: boolean, make: () => T, rerender: () => void): T {
    const last = this.#last.get(key);
    const age = last ? this.now() - last.at : Infinity;
    if (last && !shown && age < this.refreshMs) {
      if (!last.waking) {
        last.waking = true;
        // A timer may fire a little early: the render it asks for may hold them again, and ask again.
        this.schedule(() => {
          last.waking = false;
          rerender();
        }, this.refreshMs - age);
      }
      return last.value;
    }
    const value = make();
    this.#last.set(key, { value, at: this.now(), waking: false });
    return value;
  }
}
