import { expect } from '@esm-bundle/chai';
import axe from 'axe-core';
import './desk-settings.ts';
import type { XmppChatDeskSettings } from './desk-settings.ts';
import { mount as mountElement, unmountAll } from '../test-fixtures.ts';
import type { VisitorVerification } from '../../src/desk.ts';

afterEach(unmountAll);

/** A verification that keeps the secret in memory and records what it was asked to do. */
function fakeVerification(fail?: Error, unreadable?: Error) {
  let secret: string | undefined;
  const listeners = new Set<() => void>();
  const calls: string[] = [];
  const verification = {
    hasSecret: () => (unreadable ? Promise.reject(unreadable) : Promise.resolve(secret !== undefined)),
    setSecret: (value: string) => {
      calls.push(`set ${value}`);
      if (fail) return Promise.reject(fail);
      secret = value;
      return Promise.resolve();
    },
    removeSecret: () => {
      calls.push('remove');
      secret = undefined;
      return Promise.resolve();
    },
    verify: () => Promise.resolve('unsigned'),
    on: (_type: string, listener: () => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  } as unknown as VisitorVerification;
  return { verification, calls, listeners };
}

const settled = async (el: XmppChatDeskSettings) => {
  await new Promise((r) => setTimeout(r));
  await el.updateComplete;
};
const input = (el: XmppChatDeskSettings) => el.shadowRoot!.querySelector<HTMLInputElement>('[part~="secret-input"]')!;
const button = (el: XmppChatDeskSettings, part: string) => el.shadowRoot!.querySelector<HTMLButtonElement>(`[part~="${part}"]`);
const status = (el: XmppChatDeskSettings) => el.shadowRoot!.querySelector('[role="status"]')!.textContent.trim();

describe('xmpp-chat-desk-settings', () => {
  it('saves the secret (trimmed) into the verification, then empties the field', async () => {
    const fake = fakeVerification();
    const el = await mountElement<XmppChatDeskSettings>('xmpp-chat-desk-settings', { verification: fake.verification });
    await settled(el);
    expect(el.shadowRoot!.textContent).to.include('No secret is set.');
    expect(input(el).type).to.equal('password');
    expect(button(el, 'secret-remove-button')).to.equal(null);
    input(el).value = '  s3cret\n';
    button(el, 'secret-save-button')!.click();
    await settled(el);
    expect(fake.calls).to.deep.equal(['set s3cret']);
    expect(input(el).value).to.equal('');
    expect(status(el)).to.equal('The secret is saved.');
    expect(el.shadowRoot!.textContent).to.include('A secret is set.');
    const results = await axe.run(el, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa'] });
    expect(results.violations.map((v) => v.id)).to.deep.equal([]);
  });

  it('removes the secret', async () => {
    const fake = fakeVerification();
    await fake.verification.setSecret('old');
    const el = await mountElement<XmppChatDeskSettings>('xmpp-chat-desk-settings', { verification: fake.verification });
    await settled(el);
    button(el, 'secret-remove-button')!.click();
    await settled(el);
    expect(fake.calls).to.deep.equal(['set old', 'remove']);
    expect(status(el)).to.equal('The secret is removed.');
    expect(el.shadowRoot!.textContent).to.include('No secret is set.');
  });

  it('says why a secret could not be saved, and keeps what was typed', async () => {
    const fake = fakeVerification(new Error('The server refused it.'));
    const el = await mountElement<XmppChatDeskSettings>('xmpp-chat-desk-settings', { verification: fake.verification });
    await settled(el);
    input(el).value = 'abc';
    button(el, 'secret-save-button')!.click();
    await settled(el);
    expect(status(el)).to.equal('The secret could not be saved: The server refused it.');
    expect(input(el).value).to.equal('abc');
  });

  it('says so when it cannot tell whether a secret is set', async () => {
    const fake = fakeVerification(undefined, new Error('The chat server did not answer.'));
    const el = await mountElement<XmppChatDeskSettings>('xmpp-chat-desk-settings', { verification: fake.verification });
    await settled(el);
    expect(status(el)).to.equal('Whether a secret is set could not be read: The chat server did not answer.');
    expect(el.shadowRoot!.textContent).to.not.include('No secret is set.');
  });

  it('is disabled without a verification, and stops listening once removed', async () => {
    const empty = await mountElement<XmppChatDeskSettings>('xmpp-chat-desk-settings');
    expect(input(empty).disabled).to.equal(true);
    const fake = fakeVerification();
    const el = await mountElement<XmppChatDeskSettings>('xmpp-chat-desk-settings', { verification: fake.verification });
    expect(fake.listeners.size).to.equal(1);
    el.remove();
    expect(fake.listeners.size).to.equal(0);
  });
});
