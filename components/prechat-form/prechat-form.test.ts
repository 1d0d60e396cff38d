import { expect } from '@esm-bundle/chai';
import axe from 'axe-core';
import './prechat-form.ts';
import type { XmppChatPrechatForm } from './prechat-form.ts';
import { loadLanguage } from '../i18n/i18n.ts';
import { mount as mountElement, record, unmountAll } from '../test-fixtures.ts';

before(() => loadLanguage('de'));
afterEach(unmountAll);

const mount = (props: Partial<XmppChatPrechatForm> = {}) => mountElement<XmppChatPrechatForm>('xmpp-chat-prechat-form', props);
const field = (el: XmppChatPrechatForm, name: string) => el.shadowRoot!.querySelector<HTMLInputElement>(`#${name}`);

async function submit(el: XmppChatPrechatForm, values: Record<string, string>): Promise<void> {
  for (const [name, value] of Object.entries(values)) field(el, name)!.value = value;
  el.shadowRoot!.querySelector('form')!.requestSubmit();
  await el.updateComplete;
}

describe('xmpp-chat-prechat-form', () => {
  it('asks for the fields the site chose, marking the optional ones', async () => {
    const el = await mount({ fields: ['email'], required: [] });
    expect(field(el, 'name')).to.equal(null);
    expect(el.shadowRoot!.querySelector('label[for="email"]')!.textContent.replace(/\s+/g, ' ').trim()).to.equal('Your email (optional)');
    expect(field(el, 'email')!.type).to.equal('email');
    expect(field(el, 'email')!.autocomplete).to.equal('email');
  });

  it('requires what is required, checks the email, and sends the trimmed answers', async () => {
    const el = await mount({ fields: ['name', 'email'], required: ['name'] });
    const answers = record(el, 'xmpp-chat-prechat');
    await submit(el, { name: '  ', email: '' });
    expect(el.shadowRoot!.querySelector('#problem')!.textContent).to.equal('Please fill in this field.');
    expect(field(el, 'name')!.getAttribute('aria-invalid')).to.equal('true');
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal(field(el, 'name'));
    await submit(el, { name: 'Ada', email: 'not an address' });
    expect(el.shadowRoot!.querySelector('#problem')!.textContent).to.equal('Enter an email address like name@example.org.');
    expect(answers).to.have.length(0);
    await submit(el, { name: ' Ada <b>L</b> ', email: '' });
    expect(answers).to.deep.equal([{ name: 'Ada <b>L</b>' }]);
    await submit(el, { name: 'Ada', email: ' ada@example.org ' });
    expect(answers[1]).to.deep.equal({ name: 'Ada', email: 'ada@example.org' });
  });

  it('prefills what the page told, as text', async () => {
    const el = await mount({ fields: ['name', 'email'], values: { name: '<img src=x onerror="window.hacked=1">' } });
    expect(field(el, 'name')!.value).to.equal('<img src=x onerror="window.hacked=1">');
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
  });

  it('speaks German, and has no accessibility violations', async () => {
    const el = await mount({ fields: ['name', 'email'], required: ['email'], lang: 'de' });
    expect(el.shadowRoot!.querySelector('button')!.textContent).to.equal('Chat starten');
    const results = await axe.run(el, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa'] });
    expect(results.violations.map((v) => v.id)).to.deep.equal([]);
  });
});
