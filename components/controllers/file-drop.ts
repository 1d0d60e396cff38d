/**
 * Files dragged onto an element (the conversation): `hint` is true while files are over it, for
 * the host to show where they can be dropped, and `onDrop` receives them. Drags without files
 * (text, links) are left to the browser.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface FileDropOptions {
  onDrop(files: File[]): void;
  /**
   * Whether this drag may drop here, e.g. only over the conversation (its `composedPath()`) while
   * one is open; every drag of files by default. Drags are watched on the host, which the events
   * from its shadow tree reach.
   */
  accepts?(event: DragEvent): boolean;
}

const TYPES = ['dragenter', 'dragover', 'dragleave', 'drop'] as const;

export class FileDrop implements ReactiveController {
  /** Files are being dragged over the host (where it accepts them). */
  hint = false;
  /** Entered minus left: entering a child element leaves its parent. */
  #depth = 0;

  constructor(
    private readonly host: ReactiveControllerHost & EventTarget,
    private readonly options: FileDropOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    for (const type of TYPES) this.host.addEventListener(type, this.#onDrag as EventListener);
  }

  hostDisconnected(): void {
    for (const type of TYPES) this.host.removeEventListener(type, this.#onDrag as EventListener);
    this.#depth = 0;
    this.#show(false);
  }

  readonly #onDrag = (event: DragEvent): void => {
    if (!event.dataTransfer?.types.includes('Files') || this.options.accepts?.(event) === false) return;
    // Taken here, so the browser does not open the file in place of the page.
    event.preventDefault();
    // dragover needs only the taking: a drag of files from outside already shows a copy.
    if (event.type === 'dragenter') this.#depth++;
    else if (event.type === 'dragleave') this.#depth = Math.max(0, this.#depth - 1);
    else if (event.type === 'drop') {
      this.#depth = 0;
      const files = [...event.dataTransfer.files];
      if (files.length) this.options.onDrop(files);
    }
    this.#show(this.#depth > 0);
  };

  #show(hint: boolean): void {
    if (hint === this.hint) return;
    this.hint = hint;
    this.host.requestUpdate();
  }
}
