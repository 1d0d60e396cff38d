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

describe('VisitorIntake with a signed identity', () => {
  const to = 'desk-signed@example.org';
  const signature = 'ab'.repeat(32);
  afterEach(() => new VisitorIntake(() => config({ to })).forget());

  it("sends the site's user id and signature with the name and email it signed", () => {
    const visitor = { name: 'Zoë 李', email: 'zoe@example.org', userId: '42', signature };
    const intake = new VisitorIntake(() => config({ to, visitor, context: 'identity' }));
    expect(intake.context()).to.deep.equal(visitor);
    const unsigned = new VisitorIntake(() => config({ to, visitor: { name: 'Ada', userId: '42' }, context: 'identity' }));
    expect(unsigned.context()).to.deep.equal({ name: 'Ada', userId: '42' });
  });

  it("takes precedence over the pre-chat form's answers, and the form does not ask again", () => {
    const answered = new VisitorIntake(() => config({ to, prechat: ['name', 'email'] }));
    answered.answer({ name: 'Typed Name', email: 'typed@example.org' });
    const visitor = { name: 'Ada', userId: '42', signature };
    const intake = new VisitorIntake(() =>
      config({ to, prechat: ['name', 'email'], prechatRequired: ['email'], visitor, context: 'identity' }),
    );
    intake.load();
    // The site signed no email: sending the one typed would break the signature.
    expect(intake.visitor()).to.deep.equal({ name: 'Ada' });
    expect(intake.context()).to.deep.equal({ name: 'Ada', userId: '42', signature });
    intake.forget();
    expect(intake.needsForm()).to.equal(false);
    const unsignedIntake = new VisitorIntake(() => config({ to, prechat: ['name', 'email'], visitor: { name: 'Ada' } }));
    unsignedIntake.load();
    expect(unsignedIntake.needsForm(), 'an unsigned identity still gets the form for what it lacks').to.equal(true);
  });
});
