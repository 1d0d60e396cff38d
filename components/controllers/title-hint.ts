/**
 * The page title tells of unread messages while the tab is hidden — "(2) Tea & Co." — and is
 * given back as it was when the tab is shown again.
 */
export interface TitleDocument {
  title: string;
  readonly hidden: boolean;
  addEventListener(type: 'visibilitychange', listener: () => void): void;
  removeEventListener(type: 'visibilitychange', listener: () => void): void;
}

export class TitleHint {
  #original?: string;
  #shown = '';
  #unread = 0;

  constructor(private readonly doc: TitleDocument = document) {
    doc.addEventListener('visibilitychange', this.#refresh);
  }

  /** The unread count changed. */
  update(unread: number): void {
    this.#unread = unread;
    this.#refresh();
  }

  dispose(): void {
    this.doc.removeEventListener('visibilitychange', this.#refresh);
    this.#restore();
  }

  #refresh = (): void => {
    if (!this.doc.hidden || this.#unread === 0) return this.#restore();
    // The page may have changed its title meanwhile: that is the one to give back.
    if (this.#original === undefined || this.doc.title !== this.#shown) this.#original = this.doc.title;
    this.#shown = `(${this.#unread}) ${this.#original}`;
    this.doc.title = this.#shown;
  };

  #restore(): void {
    if (this.#original !== undefined && this.doc.title === this.#shown) this.doc.title = this.#original;
    this.#original = undefined;
  }
}
