/**
 * Which rows of a long list are on screen, for lists with a fixed row height: the host renders
 * only `range()` inside a spacer as tall as all rows, so the DOM stays small however long the list.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class VirtualWindow implements ReactiveController {
  /** The viewport's scroll offset in px, as last rendered. */
  offset = 0;
  /** The viewport's height in px; 0 until measured. */
  height = 0;
  #viewport?: HTMLElement;
  #resize = new ResizeObserver(() => this.#measure());

  constructor(
    private readonly host: ReactiveControllerHost,
    readonly rowHeight: number,
    /** Rows rendered beyond each edge, so fast scrolling does not show blank space. */
    private readonly overscan: number,
    /** Assumed visible until the viewport is measured (before layout, or while hidden). */
    private readonly fallbackRows = 12,
  ) {
    host.addController(this);
  }

  /** Starts following the scrolling element; call once it is rendered, and again if it is replaced. */
  attach(viewport: HTMLElement): void {
    if (viewport === this.#viewport) return;
    if (this.#viewport) this.#resize.unobserve(this.#viewport);
    this.#viewport = viewport;
    this.offset = viewport.scrollTop;
    this.#resize.observe(viewport);
  }

  hostConnected(): void {
    if (this.#viewport) this.#resize.observe(this.#viewport);
  }

  hostDisconnected(): void {
    this.#resize.disconnect();
  }

  get #visibleHeight(): number {
    return this.height || this.fallbackRows * this.rowHeight;
  }

  /** Rows per screen, less one so that paging keeps one row of context. */
  get pageRows(): number {
    return Math.max(1, Math.floor(this.#visibleHeight / this.rowHeight) - 1);
  }

  /** The rows to render out of `count`: from `start` up to, not including, `end`. */
  range(count: number): { start: number; end: number } {
    const start = Math.max(0, Math.floor(this.offset / this.rowHeight) - this.overscan);
    const end = Math.min(count, Math.ceil((this.offset + this.#visibleHeight) / this.rowHeight) + this.overscan);
    return { start, end };
  }

  /** Bind to the viewport's `scroll` event. */
  readonly onScroll = (): void => {
    this.offset = this.#viewport?.scrollTop ?? 0;
    this.host.requestUpdate();
  };

  /** Scrolls just enough to bring row `index` fully into view. */
  reveal(index: number): void {
    const top = index * this.rowHeight;
    if (top < this.offset) this.scrollTo(top);
    else if (top + this.rowHeight > this.offset + this.#visibleHeight) this.scrollTo(top + this.rowHeight - this.#visibleHeight);
  }

  scrollTo(offset: number): void {
    if (this.#viewport) this.#viewport.scrollTop = offset;
    // Rendered now rather than on the scroll event, so the row asked for is in the DOM at once.
    this.offset = this.#viewport ? this.#viewport.scrollTop : offset;
    this.host.requestUpdate();
  }

  #measure(): void {
    const height = this.#viewport?.clientHeight ?? 0;
    if (height === this.height) return;
    this.height = height;
    this.host.requestUpdate();
  }
}
