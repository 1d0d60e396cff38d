import { expect } from '@esm-bundle/chai';
import { visitorName } from './visitor-names.ts';

describe('visitorName', () => {
  it('gives the same two-word name for the same address, whatever its case', () => {
    expect(visitorName('visitor-k3x9q2@example.org')).to.match(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
    expect(visitorName('Visitor-K3X9Q2@example.org')).to.equal(visitorName('visitor-k3x9q2@example.org'));
  });

  it('tells a hundred visitors mostly apart', () => {
    const names = new Set(Array.from({ length: 100 }, (_, i) => visitorName(`visitor-${i.toString(36)}x@example.org`)));
    expect(names.size).to.be.greaterThan(85);
  });
});
