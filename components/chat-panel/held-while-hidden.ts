/**
 * A view's inputs, made anew at each render while the view is on screen and kept as they were
 * while it is not: an element given the same objects does no work, so a hidden view costs nothing
 * however often the panel renders, and catches up the first time it is shown again.
 */
export class HeldWhileHidden<K extends object, T extends object> {
  readonly #last = new WeakMap<K, T>();

  /** The inputs for `key`: made now when `shown` or never made before, else the ones made last. */
  get(key: K, shown: boolean, make: () => T): T {
    const last = this.#last.get(key);
    if (last && !shown) return last;
    const made = make();
    this.#last.set(key, made);
    return made;
  }
}
