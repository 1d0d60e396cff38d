import { expect } from '@esm-bundle/chai';
import { TitleHint, type TitleDocument } from './title-hint.ts';

function fakeDocument(title: string) {
  const listeners = new Set<() => void>();
  const doc = {
    title, hidden: false,
    addEventListener: (_: string, l: () => void) => void listeners.add(l),
    removeEventListener: (_: string, l: () => void) => void listeners.delete(l),
  };
  const setHidden = (hidden: boolean) => { doc.hidden = hidden; for (const l of listeners) l(); };
  return { doc: doc as TitleDocument & { hidden: boolean }, setHidden, listeners };
}

describe('TitleHint', () => {
  it('counts unread messages in the title only while the tab is hidden, and gives the title back', () => {
    const { doc, setHidden } = fakeDocument('Tea & Co.');
    const hint = new TitleHint(doc);
    hint.update(1);
    expect(doc.title, 'visible').to.equal('Tea & Co.');
    setHidden(true);
    expect(doc.title).to.equal('(1) Tea & Co.');
    hint.update(3);
    expect(doc.title).to.equal('(3) Tea & Co.');
    setHidden(false);
    expect(doc.title).to.equal('Tea & Co.');
  });

  it('keeps a title the page set meanwhile, and clears itself when read or disposed', () => {
    const { doc, setHidden, listeners } = fakeDocument('Cart');
    const hint = new TitleHint(doc);
    setHidden(true);
    hint.update(2);
    doc.title = 'Checkout';
    hint.update(4);
    expect(doc.title).to.equal('(4) Checkout');
    hint.update(0);
    expect(doc.title).to.equal('Checkout');
    hint.update(1);
    hint.dispose();
    expect(doc.title).to.equal('Checkout');
    expect(listeners.size).to.equal(0);
  });
});
