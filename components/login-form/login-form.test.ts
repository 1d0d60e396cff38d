import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import axe from 'axe-core';
import './login-form.ts';
import { AGENT_NAME_KEY, type XmppChatLoginForm } from './login-form.ts';
import { loadLanguage } from '../i18n/i18n.ts';
import { mount as mountElement, record, unmountAll } from '../test-fixtures.ts';

// German and Arabic strings load on demand, as in a page that asks for them.
before(() => Promise.all([loadLanguage('de'), loadLanguage('ar')]));

const mount = (props: Partial<XmppChatLoginForm> = {}) => mountElement<XmppChatLoginForm>('xmpp-chat-login-form', props);

const $ = <T extends HTMLElement = HTMLElement>(el: XmppChatLoginForm, selector: string) => el.shadowRoot!.querySelector<T>(selector)!;
const jidField = (el: XmppChatLoginForm) => $<HTMLInputElement>(el, '#jid');
const passwordField = (el: XmppChatLoginForm) => $<HTMLInputElement>(el, '#password');

async function submit(el: XmppChatLoginForm, jid: string, password: string): Promise<void> {
  jidField(el).value = jid;
  passwordField(el).value = password;
  $<HTMLFormElement>(el, 'form').requestSubmit();
  await el.updateComplete;
}

const nameField = (el: XmppChatLoginForm) => $<HTMLInputElement>(el, '#name');

// The agent's name is kept on the device: each test starts without one.
beforeEach(() => localStorage.removeItem(AGENT_NAME_KEY));
afterEach(unmountAll);

describe('xmpp-chat-login-form', () => {
  it('labels its fields and lets password managers fill them', async () => {
    const el = await mount();
    expect(el.shadowRoot!.querySelector('label[for="jid"]')!.textContent).to.equal('Address');
    expect(el.shadowRoot!.querySelector('label[for="password"]')!.textContent).to.equal('Password');
    expect(jidField(el).autocomplete).to.equal('username');
    expect(passwordField(el).autocomplete).to.equal('current-password');
    expect(passwordField(el).type).to.equal('password');
    expect($(el, '[part="login-form"]').tagName).to.equal('FORM');
  });

  it('asks for both fields before signing in', async () => {
    const el = await mount();
    const logins = record(el, 'xmpp-chat-login');
    await submit(el, '  ', 'secret');
    expect($(el, '#problem').textContent).to.equal('Enter your address and password.');
    expect(jidField(el).getAttribute('aria-invalid')).to.equal('true');
    expect(jidField(el).getAttribute('aria-describedby')).to.equal('problem');
    await submit(el, 'amy@example.org', '');
    expect(passwordField(el).getAttribute('aria-invalid')).to.equal('true');
    expect(jidField(el).getAttribute('aria-invalid')).to.equal('false');
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal(passwordField(el));
    expect(logins).to.have.length(0);
  });

  it('rejects an address that is not name@domain', async () => {
    const el = await mount();
    const logins = record(el, 'xmpp-chat-login');
    for (const bad of ['amy', 'amy pond@example.org', '@example.org']) {
      await submit(el, bad, 'secret');
      expect($(el, '#problem').textContent, bad).to.equal('Enter an address like name@example.org.');
    }
    expect(logins).to.have.length(0);
  });

  it('fires xmpp-chat-login with valid credentials, also on Enter in the password field', async () => {
    const el = await mount();
    const logins = record(el, 'xmpp-chat-login');
    await submit(el, ' amy@example.org ', ' pass word ');
    expect(logins).to.deep.equal([{ jid: 'amy@example.org', password: ' pass word ' }]);
    expect(el.shadowRoot!.querySelector('#problem')).to.equal(null);
    passwordField(el).focus();
    await sendKeys({ press: 'Enter' });
    expect(logins).to.have.length(2);
  });

  it('prefills the address and keeps what the user typed until it changes', async () => {
    const el = await mount({ jid: 'rory@example.org' });
    expect(jidField(el).value).to.equal('rory@example.org');
    jidField(el).value = 'typed@example.org';
    el.lang = 'de';
    await el.updateComplete;
    expect(jidField(el).value).to.equal('typed@example.org');
    el.jid = 'other@example.org';
    await el.updateComplete;
    expect(jidField(el).value).to.equal('other@example.org');
  });

  it('asks for the agent’s name, sends it with the credentials and keeps it on this device', async () => {
    const el = await mount();
    expect(el.shadowRoot!.querySelector('label[for="name"]')!.textContent).to.equal('Your name');
    expect(nameField(el).getAttribute('part')).to.equal('name-input');
    expect(nameField(el).getAttribute('aria-describedby')).to.equal('name-hint');
    expect(nameField(el).value).to.equal('');
    const logins = record(el, 'xmpp-chat-login');
    nameField(el).value = '  Ann\u202e  ';
    await submit(el, 'support@example.org', 'secret');
    expect(logins).to.deep.equal([{ jid: 'support@example.org', password: 'secret', name: 'Ann' }]);
    expect(localStorage.getItem(AGENT_NAME_KEY)).to.equal('Ann');

    // The next sign-in on this device starts with it; one without a name forgets it.
    unmountAll();
    const next = await mount();
    expect(nameField(next).value).to.equal('Ann');
    const more = record(next, 'xmpp-chat-login');
    nameField(next).value = ' ';
    await submit(next, 'support@example.org', 'secret');
    expect(more).to.deep.equal([{ jid: 'support@example.org', password: 'secret' }]);
    expect(localStorage.getItem(AGENT_NAME_KEY)).to.equal(null);
  });

  it('prefills the name the site gives (agent-name) over the kept one, and a long one is cut', async () => {
    localStorage.setItem(AGENT_NAME_KEY, 'Kept');
    const el = await mount({ name: 'Bo' });
    expect(nameField(el).value).to.equal('Bo');
    expect(nameField(el).maxLength).to.equal(64);
    const logins = record(el, 'xmpp-chat-login');
    nameField(el).value = 'x'.repeat(100); // pasted past maxlength by script
    await submit(el, 'support@example.org', 'secret');
    expect(logins[0].name).to.have.length(64);
  });

  it('refuses to submit while busy and says so', async () => {
    const el = await mount({ busy: true });
    const logins = record(el, 'xmpp-chat-login');
    await submit(el, 'amy@example.org', 'secret');
    expect(logins).to.have.length(0);
    const button = $(el, '[part="submit-button"]');
    expect(button.textContent.trim()).to.equal('Signing in…');
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    expect(jidField(el).readOnly && passwordField(el).readOnly && nameField(el).readOnly).to.equal(true);
    el.busy = false;
    await el.updateComplete;
    expect(button.textContent.trim()).to.equal('Sign in');
    $<HTMLFormElement>(el, 'form').requestSubmit();
    expect(logins).to.have.length(1);
  });

  it('shows the error as text in an alert', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const el = await mount();
    expect($(el, '[role="alert"]').textContent).to.equal('');
    el.error = hostile;
    await el.updateComplete;
    expect($(el, '[role="alert"]').textContent).to.equal(hostile);
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
  });

  it('speaks the language it is given', async () => {
    const el = await mount({ lang: 'ar' });
    expect($(el, '[part="submit-button"]').textContent.trim()).to.equal('دخول');
    expect($(el, '[part="title"]').textContent).to.equal('تسجيل الدخول');
    expect(el.shadowRoot!.querySelector('label[for="name"]')!.textContent).to.equal('اسمك');
  });

  it('has no accessibility violations found by axe', async () => {
    const el = await mount({ error: 'The address or password is wrong.' });
    await submit(el, 'amy', 'x');
    const { violations } = await axe.run(el);
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' ')}`)).to.deep.equal([]);
  });
});
