import { expect } from '@esm-bundle/chai';
import { isGeneratedAddress, strangerLabel, visitorName } from './visitor-names.ts';

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

describe('strangers', () => {
  it('tells generated visitor addresses from real accounts', () => {
    expect(isGeneratedAddress('visitor-k3x9q2ab0c1d@localhost')).to.equal(true);
    expect(isGeneratedAddress('Visitor-K3X9Q2AB0C1D@localhost/web')).to.equal(true);
    expect(isGeneratedAddress('0f5b7d3e-8c1a-4d2e-9f6b-1a2b3c4d5e6f@anon.localhost')).to.equal(true);
    expect(isGeneratedAddress('1234567890@guests.example.org', ['guests.example.org'])).to.equal(true);
    expect(isGeneratedAddress('bob@example.org')).to.equal(false);
    expect(isGeneratedAddress('visitor-bob@example.org'), 'not the registered pattern').to.equal(false);
    expect(isGeneratedAddress('bob@anonymous.example.org')).to.equal(false);
    expect(isGeneratedAddress('example.org')).to.equal(false);
  });

  it('lists a real account under its address, a visitor under the name they gave or a made-up one', () => {
    expect(strangerLabel('bob@example.org/phone', 'Totally Support')).to.equal('bob@example.org');
    expect(strangerLabel('bob@example.org', undefined)).to.equal('bob@example.org');
    expect(strangerLabel('abc@anon.localhost', 'Ada')).to.equal('Ada');
    expect(strangerLabel('abc@anon.localhost', undefined)).to.equal(visitorName('abc@anon.localhost'));
    expect(strangerLabel('visitor-k3x9q2ab0c1d@localhost', '')).to.equal(visitorName('visitor-k3x9q2ab0c1d@localhost'));
  });
});
