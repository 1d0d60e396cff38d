import { expect } from '@esm-bundle/chai';
import { LitElement, html } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import { AgentKeys, agentAction, type AgentAction } from './agent-keys.ts';
import { mount, unmountAll } from '../test-fixtures.ts';

afterEach(unmountAll);

/** A panel with a text field and a button inside its shadow root, as the chat panel has. */
class KeysHost extends LitElement {
  readonly actions: AgentAction[] = [];
  keys = new AgentKeys(this, (action) => this.actions.push(action));
  override render() {
    return html`<textarea aria-label="Message"></textarea><input type="search" aria-label="Search" /><button>Send</button>`;
  }
}
customElements.define('agent-keys-host', KeysHost);

const press = (key: string, init: KeyboardEventInit = {}, target: EventTarget = document.body) => {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true, ...init });
  let action: AgentAction | undefined;
  target.addEventListener('keydown', (e) => (action = agentAction(e as KeyboardEvent)), { once: true });
  target.dispatchEvent(event);
  return action;
};

describe('the agent’s keys', () => {
  it('reads single keys outside text fields, and Alt+Shift combinations anywhere', () => {
    expect(['j', 'k', 'n', 'a', 'r', '/'].map((key) => press(key))).to.deep.equal([
      'next',
      'previous',
      'next-unassigned',
      'claim',
      'resolve',
      'search',
    ]);
    expect(press('?', { shiftKey: true })).to.equal('help');
    expect(press('J', { shiftKey: true })).to.equal(undefined);
    expect(press('a', { ctrlKey: true })).to.equal(undefined);
    expect(press('a', { metaKey: true })).to.equal(undefined);
    expect(press('x')).to.equal(undefined);
    const dialog = document.createElement('dialog');
    const inside = document.createElement('button');
    dialog.append(inside);
    document.body.append(dialog);
    try {
      expect(press('j', {}, inside)).to.equal(undefined);
    } finally {
      dialog.remove();
    }
    const field = document.createElement('textarea');
    document.body.append(field);
    try {
      expect(press('a', {}, field)).to.equal(undefined);
      expect(press('/', {}, field)).to.equal(undefined);
      // On macOS Alt+Shift+A types "Å": the key's code is what counts.
      expect(press('Å', { altKey: true, shiftKey: true, code: 'KeyA' }, field)).to.equal('claim');
      expect(press('÷', { altKey: true, shiftKey: true, code: 'Slash' }, field)).to.equal('search');
      expect(press('a', { isComposing: true }, document.body)).to.equal(undefined);
    } finally {
      field.remove();
    }
  });

  it('acts on the host’s keys, not while typing in its fields, and stops when disposed', async () => {
    const host = await mount<KeysHost>('agent-keys-host');
    host.shadowRoot!.querySelector('button')!.focus();
    await sendKeys({ press: 'j' });
    await sendKeys({ press: '?' });
    host.shadowRoot!.querySelector('textarea')!.focus();
    await sendKeys({ type: 'ja' });
    await sendKeys({ down: 'Alt' });
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'KeyR' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ up: 'Alt' });
    host.shadowRoot!.querySelector('input')!.focus();
    await sendKeys({ type: 'n/' });
    expect(host.actions).to.deep.equal(['next', 'help', 'resolve']);
    expect(host.shadowRoot!.querySelector('textarea')!.value).to.equal('ja');
    host.keys.dispose();
    host.shadowRoot!.querySelector('button')!.focus();
    await sendKeys({ press: 'j' });
    expect(host.actions).to.have.length(3);
  });
});
