import { expect } from '@esm-bundle/chai';
import { installPageApi, type PageWidget, type VisitorIdentity } from './page-api.ts';

describe('the page API', () => {
  it('passes a signed identity to the widget, and refuses what is not an object', async () => {
    const told: VisitorIdentity[] = [];
    const widget = { identify: (visitor: VisitorIdentity) => told.push(visitor) } as unknown as PageWidget;
    const errors: unknown[] = [];
    const consoleError = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const win = { document, xmppChat: [['identify', { userId: 42, name: 'Ada', signature: 'ab' }]] } as unknown as Window;
      const api = installPageApi(win, () => widget);
      api.push(['identify', 'Ada']);
      await new Promise((r) => setTimeout(r));
    } finally {
      console.error = consoleError;
    }
    expect(told).to.deep.equal([{ userId: 42, name: 'Ada', signature: 'ab' }]);
    expect(errors).to.have.length(1);
  });
});
