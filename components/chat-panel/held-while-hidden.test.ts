import { expect } from '@esm-bundle/chai';
import { HeldWhileHidden } from './held-while-hidden.ts';

describe('a view’s inputs held while it is hidden', () => {
  let time = 0;
  let made = 0;
  let renders = 0;
  const wakes: Array<{ wake: () => void; ms: number }> = [];
  const make = () => ({ made: ++made });
  const rerender = () => void renders++;
  const held = () => {
    time = made = renders = 0;
    wakes.length = 0;
    return new HeldWhileHidden<object, { made: number }>(
      1000,
      (wake, ms) => wakes.push({ wake, ms }),
      () => time,
    );
  };

  it('are made at each render while shown, kept while hidden, and made again when shown', () => {
    const inputs = held();
    const session = {};
    expect(inputs.get(session, true, make, rerender)).to.deep.equal({ made: 1 });
    expect(inputs.get(session, true, make, rerender)).to.deep.equal({ made: 2 });
    time = 100;
    const kept = inputs.get(session, false, make, rerender);
    expect(kept).to.deep.equal({ made: 2 });
    time = 500;
    expect(inputs.get(session, false, make, rerender)).to.equal(kept);
    expect(made).to.equal(2);
    expect(inputs.get(session, true, make, rerender)).to.deep.equal({ made: 3 });
  });

  it('while hidden, are made at most once a second, with a render asked for when the second is up', () => {
    const inputs = held();
    const session = {};
    const first = inputs.get(session, false, make, rerender);
    time = 300;
    expect(inputs.get(session, false, make, rerender)).to.equal(first);
    time = 600;
    expect(inputs.get(session, false, make, rerender)).to.equal(first);
    expect(wakes.map((w) => w.ms)).to.deep.equal([700]); // one render asked for, however many were held
    time = 999; // a timer a little early: held again, and another render asked for
    wakes[0].wake();
    expect(renders).to.equal(1);
    expect(inputs.get(session, false, make, rerender)).to.equal(first);
    expect(wakes.map((w) => w.ms)).to.deep.equal([700, 1]);
    time = 1000;
    wakes[1].wake();
    expect(renders).to.equal(2);
    expect(inputs.get(session, false, make, rerender)).to.deep.equal({ made: 2 });
    expect(inputs.get({}, false, make, rerender)).to.deep.equal({ made: 3 }); // per key
  });
});
