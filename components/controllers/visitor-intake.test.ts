import { expect } from '@esm-bundle/chai';
import type { WidgetConfig } from '../xmpp-chat/panel-contract.ts';
import { VisitorIntake } from './visitor-intake.ts';

const config = (extra: Partial<WidgetConfig> = {}): WidgetConfig => ({ mode: 'visitor', to: 'desk@example.org', ...extra }) as WidgetConfig;

describe('VisitorIntake.context', () => {
  // The test page's own address carries a query (the runner's session id) to be left out.
  const query = location.search;
  before(() => {
    if (!query) history.replaceState(null, '', `${location.pathname}?token=s3cret#frag`);
  });

  it('sends the page address without query and fragment by default', () => {
    const context = new VisitorIntake(() => config()).context();
    expect(location.href).to.include('?');
    expect(context.page).to.equal(`${location.origin}${location.pathname}`);
  });

  it('sends the whole address where the site opts in (context-full-url)', () => {
    const context = new VisitorIntake(() => config({ contextFullUrl: true })).context();
    expect(context.page).to.equal(location.href);
  });

  it('sends no address with context="identity"', () => {
    expect(new VisitorIntake(() => config({ context: 'identity' })).context().page).to.equal(undefined);
  });
});
