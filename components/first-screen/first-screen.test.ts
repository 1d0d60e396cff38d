import { expect } from '@esm-bundle/chai';
import axe from 'axe-core';
import type { OfficeHours } from '../../src/desk.ts';
import './first-screen.ts';
import type { XmppChatFirstScreen } from './first-screen.ts';
import { loadLanguage } from '../i18n/i18n.ts';
import { mount as mountElement, record, unmountAll } from '../test-fixtures.ts';
import { backWords, duration } from './when.ts';

before(() => loadLanguage('de'));
afterEach(unmountAll);

const HOURS: OfficeHours = {
  timeZone: 'Europe/Berlin',
  spans: ['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => ({ day: day as 'mon', open: '09:00', close: '17:30' })),
  closed: [{ from: '2026-12-24', to: '2026-12-26' }],
  replyMinutes: 120,
};
/** Wednesday 2 December 2026, 11:00 in Berlin; and 18:00, after closing. */
const OPEN_AT = new Date('2026-12-02T10:00:00Z');
const CLOSED_AT = new Date('2026-12-02T17:00:00Z');

const mount = (props: Partial<XmppChatFirstScreen> = {}) =>
  mountElement<XmppChatFirstScreen>('xmpp-chat-first-screen', { now: () => OPEN_AT, ...props });
const part = (el: XmppChatFirstScreen, name: string) => el.shadowRoot!.querySelector(`[part~="${name}"]`);
const text = (el: XmppChatFirstScreen, name: string) => part(el, name)?.textContent.replace(/\s+/g, ' ').trim();

describe('xmpp-chat-first-screen', () => {
  it('names the agents who are there, as text, and the usual reply time while open', async () => {
    const el = await mount({ team: ['Ann', 'Bo <img src=x onerror="window.hacked=1">'], presence: 'online', hours: HOURS, capture: true });
    expect(text(el, 'team')).to.equal('Ann and Bo <img src=x onerror="window.hacked=1"> are here.');
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect(text(el, 'availability')).to.equal('We’re here. Ask us anything!');
    expect(text(el, 'office-hours')).to.equal('Usually replies within 2 hours.');
    expect(part(el, 'offline-form'), 'no email asked for while open and someone is there').to.equal(null);
    el.team = ['Ann'];
    el.greeting = 'Ask Ann about tea.';
    await el.updateComplete;
    expect(text(el, 'team')).to.equal('Ann is here.');
    expect(text(el, 'availability')).to.equal('Ask Ann about tea.');
  });

  it('without names or hours, shows the greeting or away message only', async () => {
    const el = await mount({ presence: 'away' });
    expect(part(el, 'team')).to.equal(null);
    expect(part(el, 'office-hours')).to.equal(null);
    expect(text(el, 'availability')).to.equal('We’re here. Ask us anything!');
    el.presence = 'offline';
    el.team = ['Ann'];
    el.awayMessage = 'Back soon.';
    await el.updateComplete;
    expect(part(el, 'team'), 'nobody is there').to.equal(null);
    expect(text(el, 'availability')).to.equal('Back soon.');
  });

  it('says when the desk is back while closed, and offers to leave an email, then confirms it', async () => {
    const el = await mount({ team: ['Ann'], presence: 'online', hours: HOURS, now: () => CLOSED_AT, capture: true });
    expect(text(el, 'office-hours')).to.match(/^Back tomorrow at /);
    const left = record(el, 'xmpp-chat-leave-email');
    const input = part(el, 'offline-input') as HTMLInputElement;
    input.value = 'not an address';
    (part(el, 'offline-form') as HTMLFormElement).requestSubmit();
    await el.updateComplete;
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(left).to.deep.equal([]);
    input.value = ' ada@example.org ';
    (part(el, 'offline-form') as HTMLFormElement).requestSubmit();
    expect(left).to.deep.equal([{ email: 'ada@example.org' }]);
    el.email = 'ada@example.org';
    await el.updateComplete;
    expect(part(el, 'offline-form')).to.equal(null);
    expect(text(el, 'offline-confirmation')).to.equal('We’ll reply to ada@example.org.');
  });

  it('offers the email while open too when nobody is there, unless told not to (a pre-chat form comes first)', async () => {
    const el = await mount({ presence: 'offline', hours: HOURS, capture: true });
    expect(part(el, 'offline-form')).to.not.equal(null);
    el.capture = false;
    await el.updateComplete;
    expect(part(el, 'offline-form')).to.equal(null);
  });

  it('speaks German, and has no accessibility violations', async () => {
    const el = await mount({ lang: 'de', team: ['Ann', 'Bo'], presence: 'online', hours: HOURS, now: () => CLOSED_AT, capture: true });
    expect(text(el, 'team')).to.equal('Ann und Bo sind da.');
    expect(text(el, 'office-hours')).to.match(/^Wieder da morgen um /);
    expect(part(el, 'offline-submit')!.textContent).to.equal('Speichern');
    const results = await axe.run(el, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa'] });
    expect(results.violations.map((v) => v.id)).to.deep.equal([]);
  });
});

describe('the first screen’s times in words', () => {
  it('gives the reply time in its largest unit', () => {
    expect(duration('en', 120)).to.equal('2 hours');
    expect(duration('en', 90)).to.equal('1.5 hours');
    expect(duration('en', 30)).to.equal('30 minutes');
    expect(duration('en', 1440)).to.equal('1 day');
    expect(duration('de', 120)).to.equal('2 Stunden');
  });

  it('says when the desk is back in the visitor’s time zone: today, tomorrow, a weekday, or a date', () => {
    const now = new Date('2026-12-02T17:00:00Z'); // Wednesday
    const at = (iso: string) => backWords('en', new Date(iso), now, 'Europe/Berlin');
    expect(at('2026-12-02T20:00:00Z')).to.equal('Back today at 9:00 PM.');
    expect(at('2026-12-03T08:00:00Z')).to.equal('Back tomorrow at 9:00 AM.');
    expect(at('2026-12-07T08:00:00Z')).to.equal('Back Monday at 9:00 AM.');
    expect(at('2026-12-29T08:00:00Z')).to.equal('Back Tuesday, December 29 at 9:00 AM.');
    // The same opening, for a visitor in New York.
    expect(backWords('en', new Date('2026-12-07T08:00:00Z'), now, 'America/New_York')).to.equal('Back Monday at 3:00 AM.');
    expect(backWords('de', new Date('2026-12-07T08:00:00Z'), now, 'Europe/Berlin')).to.equal('Wieder da am Montag um 9:00.');
    expect(backWords('en', undefined, now)).to.equal('We’re closed right now.');
  });
});
