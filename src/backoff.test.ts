import { expect } from '@esm-bundle/chai';
import { backoffDelay, DEFAULT_BACKOFF } from './backoff.ts';

describe('backoffDelay', () => {
  it('doubles from the initial delay up to the cap', () => {
    const top = (attempt: number) => backoffDelay(attempt, DEFAULT_BACKOFF, () => 1);
    expect([0, 1, 2, 3, 4, 5, 6].map(top)).to.deep.equal([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
    expect(top(1000)).to.equal(30000);
  });

  it('keeps half the delay fixed and jitters the other half', () => {
    expect(backoffDelay(3, DEFAULT_BACKOFF, () => 0)).to.equal(4000);
    expect(backoffDelay(3, DEFAULT_BACKOFF, () => 0.5)).to.equal(6000);
    const seen = new Set(Array.from({ length: 50 }, () => backoffDelay(2, DEFAULT_BACKOFF)));
    expect(seen.size).to.be.greaterThan(10);
    for (const d of seen) expect(d).to.be.within(2000, 4000);
  });
});
