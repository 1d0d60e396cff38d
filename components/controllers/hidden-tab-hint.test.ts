import { expect } from '@esm-bundle/chai';
import { LitElement, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { HiddenTabHint, type HintDocument, type HintOutput } from './hidden-tab-hint.ts';

function fakeDocument(title: string) {
  const listeners = new Set<() => void>();
  const doc = {
    title,
    hidden: false,
    addEventListener: (_: string, l: () => void) => void listeners.add(l),
    removeEventListener: (_: string, l: () => void) => void listeners.delete(l),
  };
  const setHidden = (hidden: boolean) => {
    doc.hidden = hidden;
    for (const l of listeners) l();
  };
  return { doc: doc as unknown as HintDocument & { hidden: boolean }, setHidden, listeners };
}

/** A favicon output that records what it is told. */
function recordingFavicon() {
  const told: string[] = [];
  const output: HintOutput = { show: (unread) => told.push(`show ${unread}`), restore: () => told.push('restore') };
  return { told, load: () => Promise.resolve(output) };
}

/** A host that connects its controllers at once, and disconnects them on demand. */
function fakeHost() {
  const controllers: ReactiveController[] = [];
  const host = {
    addController: (c: ReactiveController) => {
      controllers.push(c);
      c.hostConnected?.();
    },
    removeController() {},
    requestUpdate() {},
    updateComplete: Promise.resolve(true),
  } satisfies ReactiveControllerHost;
  return { host, disconnect: () => controllers.forEach((c) => c.hostDisconnected?.()) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('HiddenTabHint', () => {
  it('counts unread messages in the title and on the favicon only while the tab is hidden, and gives both back', async () => {
    const { doc, setHidden } = fakeDocument('Tea & Co.');
    const favicon = recordingFavicon();
    const hint = new HiddenTabHint(fakeHost().host, { document: doc, loadFavicon: favicon.load });
    hint.update(1);
    await settle();
    expect(doc.title, 'visible').to.equal('Tea & Co.');
    setHidden(true);
    expect(doc.title).to.equal('(1) Tea & Co.');
    hint.update(3);
    expect(doc.title).to.equal('(3) Tea & Co.');
    setHidden(false);
    expect(doc.title).to.equal('Tea & Co.');
    expect(favicon.told).to.deep.equal(['restore', 'show 1', 'show 3', 'restore']);
  });

  it('keeps a title the page set meanwhile, and clears itself when read', () => {
    const { doc, setHidden } = fakeDocument('Cart');
    const hint = new HiddenTabHint(fakeHost().host, { document: doc, loadFavicon: recordingFavicon().load });
    setHidden(true);
    hint.update(2);
    doc.title = 'Checkout';
    hint.update(4);
    expect(doc.title).to.equal('(4) Checkout');
    hint.update(0);
    expect(doc.title).to.equal('Checkout');
  });

  it('gives everything back and stops listening when the host disconnects', async () => {
    const { doc, setHidden, listeners } = fakeDocument('Shop');
    const favicon = recordingFavicon();
    const { host, disconnect } = fakeHost();
    const hint = new HiddenTabHint(host, { document: doc, loadFavicon: favicon.load });
    setHidden(true);
    hint.update(5);
    await settle();
    expect([doc.title, favicon.told.at(-1)]).to.deep.equal(['(5) Shop', 'show 5']);
    disconnect();
    expect([doc.title, favicon.told.at(-1), listeners.size]).to.deep.equal(['Shop', 'restore', 0]);
    setHidden(false);
    setHidden(true);
    expect(doc.title, 'no longer listening').to.equal('Shop');
  });

  it('still shows the count in the title when the favicon code cannot load', async () => {
    const { doc, setHidden } = fakeDocument('Shop');
    const errors: unknown[] = [];
    const hint = new HiddenTabHint(fakeHost().host, {
      document: doc,
      loadFavicon: () => Promise.reject(new Error('offline')),
      onError: (e) => errors.push(e),
    });
    setHidden(true);
    hint.update(1);
    await settle();
    expect([doc.title, errors.length]).to.deep.equal(['(1) Shop', 1]);
  });
});

class HintHost extends LitElement {
  doc?: HintDocument;
  hint?: HiddenTabHint;
  override connectedCallback(): void {
    this.hint ??= new HiddenTabHint(this, { document: this.doc });
    super.connectedCallback();
  }
}
customElements.define('test-hint-host', HintHost);

describe('HiddenTabHint in an element', () => {
  const badge = () => document.querySelector('link[data-xmpp-chat-badge]');
  let hidden = false;
  before(() => Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden }));
  after(() => {
    delete (document as { hidden?: boolean }).hidden;
  });

  it('restores the page title and favicon when the element is removed, and changes them no more', async () => {
    const title = 'Tea & Co.';
    document.title = title;
    const el = document.createElement('test-hint-host') as HintHost;
    document.body.append(el);
    hidden = true;
    el.hint!.update(2);
    expect(document.title).to.equal(`(2) ${title}`);
    for (let i = 0; i < 100 && !badge(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(badge(), 'the favicon badge').to.exist;

    el.remove();
    expect(document.title).to.equal(title);
    expect(badge()).to.equal(null);
    document.dispatchEvent(new Event('visibilitychange'));
    el.hint!.update(3);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect([document.title, badge()]).to.deep.equal([title, null]);

    document.body.append(el);
    expect(document.title, 'back on the page').to.equal(`(3) ${title}`);
    el.remove();
    hidden = false;
  });
});
