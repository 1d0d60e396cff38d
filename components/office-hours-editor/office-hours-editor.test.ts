import { expect } from '@esm-bundle/chai';
import axe from 'axe-core';
import type { OfficeHours } from '../../src/desk.ts';
import './office-hours-editor.ts';
import type { XmppChatOfficeHoursEditor } from './office-hours-editor.ts';
import { loadLanguage } from '../i18n/i18n.ts';
import { mount as mountElement, record, unmountAll } from '../test-fixtures.ts';

before(() => loadLanguage('de'));
afterEach(unmountAll);

const HOURS: OfficeHours = {
  timeZone: 'America/New_York',
  spans: [
    { day: 'mon', open: '08:00', close: '16:00' },
    { day: 'sat', open: '10:00', close: '12:30' },
  ],
  closed: [{ from: '2026-12-24', to: '2026-12-26' }],
  replyMinutes: 90,
};

const mount = (props: Partial<XmppChatOfficeHoursEditor> = {}) =>
  mountElement<XmppChatOfficeHoursEditor>('xmpp-chat-office-hours-editor', props);
const input = (el: XmppChatOfficeHoursEditor, name: string) => el.shadowRoot!.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
const submit = async (el: XmppChatOfficeHoursEditor) => {
  el.shadowRoot!.querySelector('form')!.requestSubmit();
  await el.updateComplete;
};

describe('xmpp-chat-office-hours-editor', () => {
  it('starts from the published hours and publishes them unchanged', async () => {
    const el = await mount({ hours: HOURS });
    expect(input(el, 'tz').value).to.equal('America/New_York');
    expect(input(el, 'mon-open').checked).to.equal(true);
    expect(input(el, 'tue-open').checked).to.equal(false);
    expect(input(el, 'tue-from').disabled).to.equal(true);
    expect(input(el, 'sat-to').value).to.equal('12:30');
    expect(input(el, 'reply').value).to.equal('1.5');
    const saved = record(el, 'xmpp-chat-save-hours');
    await submit(el);
    expect(saved).to.deep.equal([{ hours: HOURS }]);
  });

  it('publishes what the agent changed: a day opened, a closed period added and removed, the reply time', async () => {
    const el = await mount({ hours: HOURS });
    input(el, 'mon-to').value = '17:30'; // typed before another row changes: kept
    input(el, 'tue-open').click();
    await el.updateComplete;
    input(el, 'tue-from').value = '09:00';
    input(el, 'tue-to').value = '13:00';
    const [remove] = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('fieldset:nth-of-type(2) button')];
    remove.click(); // the Christmas closing goes
    await el.updateComplete;
    (el.shadowRoot!.querySelector('fieldset:nth-of-type(2) button') as HTMLButtonElement).click(); // "Add closed days"
    await el.updateComplete;
    input(el, 'closed-from-0').value = '2027-01-01';
    input(el, 'reply').value = '';
    const saved = record(el, 'xmpp-chat-save-hours');
    await submit(el);
    expect(saved).to.deep.equal([
      {
        hours: {
          timeZone: 'America/New_York',
          spans: [
            { day: 'mon', open: '08:00', close: '17:30' },
            { day: 'tue', open: '09:00', close: '13:00' },
            { day: 'sat', open: '10:00', close: '12:30' },
          ],
          closed: [{ from: '2027-01-01', to: '2027-01-01' }],
        },
      },
    ]);
  });

  it('refuses hours it could not publish, saying why', async () => {
    const el = await mount({ hours: HOURS });
    const saved = record(el, 'xmpp-chat-save-hours');
    input(el, 'tz').value = 'Mars/Olympus';
    await submit(el);
    expect(el.shadowRoot!.querySelector('.problem')!.textContent).to.equal('Enter a time zone such as Europe/Berlin.');
    input(el, 'tz').value = 'Europe/Berlin';
    input(el, 'mon-to').value = '07:00';
    await submit(el);
    expect(el.shadowRoot!.querySelector('.problem')!.textContent).to.equal('Each open day needs a closing time after its opening time.');
    expect(saved).to.deep.equal([]);
  });

  it('starts from a weekday week in the browser’s zone, speaks German, and has no accessibility violations', async () => {
    const el = await mount({ lang: 'de' });
    expect(input(el, 'tz').value).to.equal(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(input(el, 'fri-open').checked).to.equal(true);
    expect(input(el, 'sun-open').checked).to.equal(false);
    expect(el.shadowRoot!.querySelector('.check')!.textContent.trim()).to.equal('Montag');
    expect(el.shadowRoot!.querySelector('[part~="hours-save-button"]')!.textContent).to.equal('Öffnungszeiten veröffentlichen');
    const results = await axe.run(el, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa'] });
    expect(results.violations.map((v) => v.id)).to.deep.equal([]);
  });
});
