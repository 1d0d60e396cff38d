import { expect } from '@esm-bundle/chai';
import { HeldWhileHidden } from './held-while-hidden.ts';

describe('a view’s inputs held while it is hidden', () => {
  const session = {};
  let made = 0;
  const make = () => ({ made: ++made });

  it('are made at each render while shown, kept while hidden, and made again when shown', () => {
    const held = new HeldWhileHidden<object, { made: number }>();
    made = 0;
    expect(held.get(session, true, make)).to.deep.equal({ made: 1 });
    expect(held.get(session, true, make)).to.deep.equal({ made: 2 });
    const kept = held.get(session, false, make);
    expect(kept).to.deep.equal({ made: 2 });
    expect(held.get(session, false, make)).to.equal(kept);
    expect(made).to.equal(2);
    expect(held.get(session, true, make)).to.deep.equal({ made: 3 });
  });

  it('are made once when hidden from the start, and per key', () => {
    const held = new HeldWhileHidden<object, { made: number }>();
    made = 0;
    const first = held.get(session, false, make);
    expect(held.get(session, false, make)).to.equal(first);
    expect(held.get({}, false, make)).to.not.equal(first);
    expect(made).to.equal(2);
  });
});
