import { expect } from '@esm-bundle/chai';
import { html, render } from 'lit';
import { styleProperties, type StyleProperties } from './style-properties.ts';

const draw = (host: HTMLElement, properties: StyleProperties) => render(html`<div ${styleProperties(properties)}></div>`, host);

// That no page policy objects to them is checked by test/e2e/csp.test.ts.
describe('styleProperties', () => {
  it('sets, changes and removes properties', () => {
    const host = document.createElement('div');
    draw(host, { blockSize: '96px', insetBlockStart: '48px' });
    const el = host.firstElementChild as HTMLElement;
    expect([el.style.blockSize, el.style.insetBlockStart]).to.deep.equal(['96px', '48px']);
    draw(host, { blockSize: '144px' });
    expect([el.style.blockSize, el.style.insetBlockStart]).to.deep.equal(['144px', '']);
  });

  it('refuses to be bound to an attribute', () => {
    expect(() => render(html`<div style=${styleProperties({ blockSize: '1px' })}></div>`, document.createElement('div'))).to.throw(
      /element/,
    );
  });
});
