/**
 * While the tab is hidden, the unread count shows in two places: the page title — "(2) Tea & Co." —
 * and a badge on the favicon. Both are given back as they were when the tab is shown again, when
 * everything is read, and when the element leaves the page. The favicon's drawing code loads with
 * the first unread message.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { FaviconDocument } from './favicon-badge.ts';

/** One place the count shows. */
export interface HintOutput {
  show(unread: number): void;
  /** Gives the page back what `show` changed. */
  restore(): void;
}

export type HintDocument = FaviconDocument & Pick<Document, 'title' | 'hidden' | 'addEventListener' | 'removeEventListener'>;

export interface HiddenTabHintOptions {
  document?: HintDocument;
  /** Makes the favicon output; by default loads favicon-badge.ts. */
  loadFavicon?: (doc: HintDocument) => Promise<HintOutput>;
  /** The favicon output could not be loaded (the title still shows the count). */
  onError?: (error: unknown) => void;
}

const loadBadge = (doc: HintDocument): Promise<HintOutput> =>
  import('./favicon-badge.ts').then(({ FaviconBadge }) => new FaviconBadge(doc));

export class HiddenTabHint implements ReactiveController {
  #unread = 0;
  #connected = false;
  readonly #doc: HintDocument;
  readonly #outputs: HintOutput[];
  #faviconAsked = false;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: HiddenTabHintOptions = {},
  ) {
    this.#doc = options.document ?? document;
    this.#outputs = [new PageTitle(this.#doc)];
    host.addController(this);
  }

  hostConnected(): void {
    this.#connected = true;
    this.#doc.addEventListener('visibilitychange', this.#refresh);
    this.#refresh();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#doc.removeEventListener('visibilitychange', this.#refresh);
    this.#refresh();
  }

  /** The unread count changed. */
  update(unread: number): void {
    this.#unread = unread;
    if (unread > 0 && !this.#faviconAsked) {
      this.#faviconAsked = true;
      void this.#loadFavicon();
    }
    this.#refresh();
  }

  #refresh = (): void => {
    const showing = this.#connected && this.#doc.hidden && this.#unread > 0;
    for (const output of this.#outputs) {
      if (showing) output.show(this.#unread);
      else output.restore();
    }
  };

  async #loadFavicon(): Promise<void> {
    try {
      this.#outputs.push(await (this.options.loadFavicon ?? loadBadge)(this.#doc));
      this.#refresh();
    } catch (error) {
      this.options.onError?.(error);
    }
  }
}

/** The count before the page's title; the page may change its title meanwhile, and keeps that one. */
export class PageTitle implements HintOutput {
  #original?: string;
  #shown = '';

  constructor(private readonly doc: Pick<Document, 'title'>) {}

  show(unread: number): void {
    if (this.#original === undefined || this.doc.title !== this.#shown) this.#original = this.doc.title;
    this.#shown = `(${unread}) ${this.#original}`;
    this.doc.title = this.#shown;
  }

  restore(): void {
    if (this.#original !== undefined && this.doc.title === this.#shown) this.doc.title = this.#original;
    this.#original = undefined;
  }
}
