/**
 * Windowing math for a list of rows of varying height, without the DOM: heights of rows that were
 * rendered are cached by key, the others are estimated as the average so far, and one prefix sum
 * gives every row's offset. Recomputing it for 10,000 rows takes well under a millisecond, which
 * keeps this simpler than a tree of partial sums.
 */
export interface Range {
  start: number;
  end: number;
}
/** A scroll position that survives rows added or measured above it: a row and a distance into it. */
export interface Anchor {
  key: string;
  delta: number;
}
/** What the position logic reads of a scrolling element (an HTMLElement is one). */
export interface ScrollView {
  scrollTop: number;
  scrollHeight: number;
  clientHeight: number;
}

export class RowHeights {
  #keys: readonly string[] = [];
  #index = new Map<string, number>();
  #heights = new Map<string, number>();
  #sum = 0;
  #offsets = new Float64Array(1);
  #stale = false;

  constructor(readonly fallback = 64) {}

  /** The rows in order; heights measured for keys that stay are kept. */
  setKeys(keys: readonly string[]): void {
    this.#keys = keys;
    this.#index = new Map(keys.map((key, i) => [key, i]));
    this.#stale = true;
  }

  get length(): number {
    return this.#keys.length;
  }

  indexOf(key: string): number {
    return this.#index.get(key) ?? -1;
  }

  /** Records a rendered row's height; true when it differs from what the layout assumed. */
  measure(key: string, height: number): boolean {
    const old = this.#heights.get(key);
    if (old !== undefined && Math.abs(old - height) < 0.5) return false;
    this.#sum += height - (old ?? 0);
    this.#heights.set(key, height);
    this.#stale = true;
    return true;
  }

  /** Forgets every height: after a width change any row may wrap differently. */
  clear(): void {
    this.#heights.clear();
    this.#sum = 0;
    this.#stale = true;
  }

  get estimate(): number {
    return this.#heights.size ? this.#sum / this.#heights.size : this.fallback;
  }

  /** Distance from the first row's top to row `i`'s top; `offsetOf(length)` is the total height. */
  offsetOf(i: number): number {
    return this.#layout()[Math.max(0, Math.min(i, this.#keys.length))];
  }

  get total(): number {
    return this.offsetOf(this.#keys.length);
  }

  /** The row covering `y` (clamped to the first and last row). */
  indexAt(y: number): number {
    const offsets = this.#layout();
    let low = 0;
    let high = this.#keys.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (offsets[mid] <= y) low = mid;
      else high = mid - 1;
    }
    return Math.max(0, low);
  }

  /** Rows to render for a view of `height` starting at `top`, with `overscan` pixels either side. */
  range(top: number, height: number, overscan: number): Range {
    if (!this.#keys.length) return { start: 0, end: 0 };
    return { start: this.indexAt(top - overscan), end: this.indexAt(top + height + overscan) + 1 };
  }

  /** The anchor for a view starting at `y`; above the first row the delta is negative. */
  anchorAt(y: number): Anchor | undefined {
    if (!this.#keys.length) return undefined;
    const i = this.indexAt(y);
    return { key: this.#keys[i], delta: y - this.offsetOf(i) };
  }

  /** Where a view anchored at `anchor` starts now, or undefined when its row is gone. */
  topOf(anchor: Anchor): number | undefined {
    const i = this.indexOf(anchor.key);
    return i < 0 ? undefined : this.offsetOf(i) + anchor.delta;
  }

  #layout(): Float64Array {
    if (!this.#stale && this.#offsets.length === this.#keys.length + 1) return this.#offsets;
    const estimate = this.estimate;
    const offsets = new Float64Array(this.#keys.length + 1);
    for (let i = 0; i < this.#keys.length; i++) offsets[i + 1] = offsets[i] + (this.#heights.get(this.#keys[i]) ?? estimate);
    this.#offsets = offsets;
    this.#stale = false;
    return offsets;
  }
}

/**
 * Where the reader is, in numbers: following the newest row (pinned), or holding a row in place
 * while rows are added or measured above it. `itemsTop` is where the first row starts in the
 * scrolling element (notices such as "Loading older messages…" come before it).
 */
export class ViewPosition {
  /** The reader is at the newest row, so new rows keep the view at the bottom. */
  pinned = true;
  /** A smooth scroll to the newest row is running: the position is left to it. */
  jumping = false;
  #jumpedTo = 0;
  #anchor?: Anchor & { scrollTop: number; first?: string };

  constructor(
    private readonly rows: RowHeights,
    readonly nearBottom = 40,
  ) {}

  atBottom(view: ScrollView): boolean {
    return view.scrollHeight - view.scrollTop - view.clientHeight <= this.nearBottom;
  }

  /** A smooth scroll to the newest row starts at `scrollTop`. */
  startJump(scrollTop: number): void {
    this.jumping = true;
    this.#jumpedTo = scrollTop;
  }

  /** The smooth scroll ended; true when it was not interrupted, and the view now follows the newest rows. */
  endJump(): boolean {
    if (!this.jumping) return false;
    this.jumping = false;
    this.pinned = true; // rows measured on the way may have moved the bottom beyond where it stopped
    return true;
  }

  /** Reads where the reader is after a scroll; `first` is the key of the first row. */
  capture(view: ScrollView, itemsTop: number, first?: string): void {
    // A jump only moves down; a move up is the reader taking over.
    if (this.jumping && view.scrollTop >= this.#jumpedTo) {
      this.#jumpedTo = view.scrollTop;
      return;
    }
    this.jumping = false;
    this.pinned = this.atBottom(view);
    const anchor = this.rows.anchorAt(view.scrollTop - itemsTop);
    this.#anchor = anchor && { ...anchor, scrollTop: view.scrollTop, first };
  }

  /** Call after the rows changed: when the anchored row is gone (another conversation), go to the newest. */
  rowsChanged(): void {
    if (this.#anchor && this.rows.indexOf(this.#anchor.key) < 0) this.pinned = true;
  }

  /** Where the view should start, relative to the first row; `fallback` when nothing is anchored. */
  viewTop(viewport: number, fallback: number): number {
    if (this.pinned) return this.rows.total - viewport;
    return (this.#anchor && this.rows.topOf(this.#anchor)) ?? fallback;
  }

  /** The scrollTop that shows what the reader saw before rows changed, or undefined to leave it. */
  restore(view: ScrollView, itemsTop: number, first?: string): number | undefined {
    if (this.jumping) return undefined;
    if (this.pinned) return view.scrollHeight - view.clientHeight;
    const anchor = this.#anchor;
    // At the very top with no older rows added yet, notices that appear above the first row
    // (loading, start of history) stay in view; re-anchoring then keeps that row in place when
    // the older rows arrive.
    if (anchor && anchor.delta <= 0 && anchor.first === first) {
      this.capture({ scrollTop: anchor.scrollTop, scrollHeight: view.scrollHeight, clientHeight: view.clientHeight }, itemsTop, first);
      return anchor.scrollTop;
    }
    return itemsTop + this.viewTop(view.clientHeight, view.scrollTop - itemsTop);
  }
}
