import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import axe from 'axe-core';
import './keyboard-help.ts';
import type { XmppChatKeyboardHelp } from './keyboard-help.ts';
import { mount, unmountAll } from '../test-fixtures.ts';

afterEach(unmountAll);

/** The focused element, inside shadow roots too. */
function focused(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

describe('xmpp-chat-keyboard-help', () => {
  it('lists the shortcuts in a modal dialog that keeps the focus, and Escape gives it back', async () => {
    const opener = document.createElement('button');
    opener.textContent = 'open';
    document.body.append(opener);
    try {
      const el = await mount<XmppChatKeyboardHelp>('xmpp-chat-keyboard-help');
      opener.focus();
      await el.show();
      const dialog = el.shadowRoot!.querySelector('dialog')!;
      expect(dialog.open).to.equal(true);
      expect(dialog.matches(':modal')).to.equal(true);
      expect(dialog.getAttribute('aria-labelledby')).to.equal('keys-title');
      const keys = [...el.shadowRoot!.querySelectorAll('[part~="shortcut-key"]')].map((k) => k.textContent);
      expect(keys).to.deep.equal(['J', 'K', 'N', 'A', 'R', '/', '?']);
      expect(focused()!.textContent).to.equal('Close');
      // Tab stays in the dialog: the page behind it is inert.
      await sendKeys({ press: 'Tab' });
      expect(opener.matches(':focus')).to.equal(false);
      expect((await axe.run(el)).violations.map((v) => v.id)).to.deep.equal([]);
      await sendKeys({ press: 'Escape' });
      expect(el.open).to.equal(false);
      expect(document.activeElement).to.equal(opener);
    } finally {
      opener.remove();
    }
  });

  it('closes from its button', async () => {
    const el = await mount<XmppChatKeyboardHelp>('xmpp-chat-keyboard-help', { lang: 'de' });
    await el.show();
    expect(el.shadowRoot!.querySelector('h2')!.textContent).to.equal('Keyboard shortcuts'); // German not loaded: English
    el.shadowRoot!.querySelector<HTMLButtonElement>('.close')!.click();
    await new Promise((resolve) => setTimeout(resolve));
    expect(el.open).to.equal(false);
  });
});
