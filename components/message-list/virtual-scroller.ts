import type { LitElement, ReactiveController } from 'lit';
import { RowHeights, ViewPosition, type Range } from './virtual-window.ts';

const OVERSCAN = 500; // px rendered beyond each edge of the view, so fast scrolling rarely shows a gap
const MAX_PASSES = 8; // render-and-measure rounds per change; they settle in two or three

/**
 * The DOM half of virtual-window.ts, for an element that renders a `.scroller` holding an `.items`
 * box of `.row` elements with `data-key`: which rows to render, their measured heights, and the
 * scroll position kept where the reader had it (or at the newest row) while rows change.
 * `firstKey` reads the key of the first row the element has now.
 */
export class VirtualScroller implements ReactiveController {
  readonly rows = new RowHeights();
  readonly view = new ViewPosition(this.rows);
  #rendered: Range = { start: 0, end: 0 };
  #itemsTop = 0;
  #width = 0;
  #passes = 0;
  /** Where measure() last left the view (as the browser clamped it), until the reader scrolls. */
  #putAt?: number;
  #resize = new ResizeObserver(() => requestAnimationFrame(() => this.#resized()));

  constructor(
    private readonly host: LitElement,
    private readonly firstKey: () => string | undefined,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (this.host.hasUpdated) this.observe();
  }

  hostDisconnected(): void {
    this.#resize.disconnect();
  }

  /** Watches the sizes of the scroller and the rows; call once they are rendered. */
  observe(): void {
    this.#resize.observe(this.scroller);
    this.#resize.observe(this.host.renderRoot.querySelector('.items')!);
  }

  /** The rows to render and the padding that stands in for the others; call it from render(). */
  toRender(): Range & { spacers: { paddingTop: string; paddingBottom: string } } {
    const { start, end } = (this.#rendered = this.#range());
    return {
      start,
      end,
      spacers: { paddingTop: `${this.rows.offsetOf(start)}px`, paddingBottom: `${this.rows.total - this.rows.offsetOf(end)}px` },
    };
  }

  /** The host's properties changed: that change gets its own render-and-measure rounds. */
  restart(): void {
    this.#passes = 0;
  }

  /**
   * Call from updated(): measures the rendered rows, puts the view back where the reader had it,
   * and renders again while measuring changes which rows are in view. True once that has settled;
   * false while hidden, as nothing has a size then.
   */
  measure(): boolean {
    const scroller = this.scroller;
    if (!scroller.clientWidth) return false;
    const items = this.host.renderRoot.querySelector<HTMLElement>('.items')!;
    this.#itemsTop = items.offsetTop;
    let measured = false;
    for (const row of items.querySelectorAll<HTMLElement>(':scope > .row'))
      measured = this.rows.measure(row.dataset.key!, row.getBoundingClientRect().height) || measured;
    const target = this.view.restore(scroller, this.#itemsTop, this.firstKey());
    if (target !== undefined) {
      if (Math.abs(scroller.scrollTop - target) >= 1) scroller.scrollTop = target;
      this.#putAt = scroller.scrollTop;
    }
    const wanted = this.#range();
    const moved = wanted.start !== this.#rendered.start || wanted.end !== this.#rendered.end;
    if ((measured || moved) && this.#passes++ < MAX_PASSES) {
      this.host.requestUpdate();
      return false;
    }
    return true;
  }

  /**
   * Call on every scroll of the scroller. The events of scrolls that measure() made (or that the
   * browser made, clamping the view as rows were measured smaller) come a frame later, when a row
   * (an image loading) may have grown meanwhile: read then, they would unpin the view or anchor it
   * to the wrong row. An event that finds the view where measure() left it is not the reader moving.
   */
  scrolled(): void {
    if (Math.abs(this.scroller.scrollTop - (this.#putAt ?? NaN)) < 1) return;
    this.#putAt = undefined;
    this.view.capture(this.scroller, this.#itemsTop, this.firstKey());
  }

  get atBottom(): boolean {
    return this.view.atBottom(this.scroller);
  }

  /** Scrolls to the newest row, and follows it from there. */
  scrollToNewest(): void {
    const scroller = this.scroller;
    // A long way through unmeasured rows is jumped at once: smoothly it would land short and jerk.
    const far = scroller.scrollHeight - scroller.scrollTop > 3 * scroller.clientHeight;
    if (far || matchMedia('(prefers-reduced-motion: reduce)').matches) {
      this.view.pinned = true;
      return this.recheck();
    }
    this.view.startJump(scroller.scrollTop);
    scroller.scrollTo({ top: scroller.scrollHeight, behavior: 'smooth' });
    setTimeout(this.endJump, 1000); // in case the browser never reports the end of the scroll
  }

  /** Call when the scroller's smooth scroll ends (`scrollend`). */
  endJump = (): void => {
    if (this.view.endJump()) this.recheck();
  };

  /** Renders and measures again, with fresh rounds. */
  recheck = (): void => {
    this.#passes = 0;
    this.host.requestUpdate();
  };

  get scroller(): HTMLElement {
    return this.host.renderRoot.querySelector<HTMLElement>('.scroller')!;
  }

  #range(): Range {
    const scroller = this.host.renderRoot.querySelector<HTMLElement>('.scroller');
    const viewport = scroller?.clientHeight ?? 0;
    const top = this.view.viewTop(viewport, (scroller?.scrollTop ?? 0) - this.#itemsTop);
    return this.rows.range(top, viewport, OVERSCAN);
  }

  #resized(): void {
    if (!this.host.isConnected) return;
    if (this.scroller.clientWidth !== this.#width) this.rows.clear(); // rows wrap differently now
    this.#width = this.scroller.clientWidth;
    this.recheck();
  }
}
