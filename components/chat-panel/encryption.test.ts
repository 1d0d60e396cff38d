import { expect } from '@esm-bundle/chai';
import { newAccounts } from '../../test/integration/accounts.ts';
import { closeChats, connectAll, device, eventually, history } from '../../test/integration/chat-helpers.ts';
import { DOMAIN, SERVERS, serviceUrl, until } from '../../test/integration/servers.ts';
import { message, mount, settle } from '../message-list/test-list.ts';
import type { ChatPanel } from './chat-panel.ts';
import './chat-panel.ts';
import { mark } from './encryption.ts';

const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('the encryption mark', () => {
  it('puts a lock on encrypted messages, and says in words which were not encrypted or could not be', async () => {
    const list = await mount({
      mark,
      messages: [
        message('e', { encrypted: true, body: 'sealed' }),
        message('p', { body: 'in the clear' }),
        message('n', { encrypted: true, undecryptable: 'notForUs', body: 'This message was encrypted (OMEMO) for other devices…' }),
        message('f', { direction: 'out', encrypted: true, state: 'failed', error: 'bob has no OMEMO device', body: 'not sent' }),
      ],
    });
    await settle(list);
    const row = (key: string) => list.shadowRoot!.querySelector(`.row[data-key="${key}"]`)!;
    const markOf = (key: string) => row(key).querySelector<HTMLElement>('[part~="message-encryption"]')!;
    expect(markOf('e').getAttribute('part')).to.equal('message-encryption');
    expect(text(markOf('e'))).to.equal('Encrypted'); // for screen readers: the lock says it to the eye
    expect(markOf('e').querySelector('.sr')).to.not.equal(null);
    expect(markOf('p').getAttribute('part')).to.equal('message-encryption message-unencrypted');
    expect(text(markOf('p'))).to.equal('Not encrypted');
    expect(text(markOf('f'))).to.equal('Not sent: it could not be encrypted');
    expect(text(markOf('n'))).to.equal('Encrypted for other devices only: it cannot be read on this one');
    // The failure keeps its reason and its retry button: nothing is lost.
    expect(text(row('f').querySelector('[part~="message-error"]'))).to.include('bob has no OMEMO device');
    expect(row('f').querySelector('[part~="retry-button"]')).to.not.equal(null);
    // Without `mark` (a conversation that is not encrypted) there is none.
    list.mark = undefined;
    await settle(list);
    expect(list.shadowRoot!.querySelector('[part~="message-encryption"]')).to.equal(null);
  });
});

describe('an encrypting panel', function () {
  this.timeout(90_000);
  const service = serviceUrl('websocket', SERVERS.prosody.httpPort);
  let panel: ChatPanel | undefined;
  afterEach(async () => {
    panel?.remove();
    await closeChats();
  });
  const deep = (selector: string) => panel!.shadowRoot!.querySelector<HTMLElement>(selector);
  const inList = (selector: string) => deep('xmpp-chat-message-list')?.shadowRoot!.querySelectorAll<HTMLElement>(selector) ?? [];

  it('marks messages, warns of a new device of the peer in words, and opens the encryption view from the header', async () => {
    const [ann, bob] = await newAccounts('prosody', 'enc-panel-a', 'enc-panel-b');
    const bobJid = `${bob}@${DOMAIN}`;
    const b = device(bob, service, { encryption: 'omemo' });
    await connectAll(b);
    await (await b.omemo())!.published();

    panel = document.createElement('xmpp-chat-panel') as ChatPanel;
    panel.config = {
      mode: 'visitor',
      service,
      jid: `${ann}@${DOMAIN}`,
      password: `pass-${ann}`,
      to: bobJid,
      heading: 'Bob',
      anonymous: false,
      debug: false,
      encryption: 'omemo',
    };
    panel.active = true;
    document.body.append(panel);
    await until(() => panel!.session?.status === 'connected' && panel!.encryption, 'the session and encryption', 30_000);
    await panel.send('Hello Bob');
    await eventually(
      async () => (await history(b, `${ann}@${DOMAIN}`)).some((m) => m.body === 'Hello Bob' && m.encrypted),
      'Bob reading it',
    );
    await until(() => [...inList('[part~="message-out"]')].some((m) => text(m).includes('Hello Bob')), 'the message shown');
    const sent = [...inList('[part~="message-out"]')].find((m) => text(m).includes('Hello Bob'))!;
    expect(sent.querySelector('[part~="message-encryption"]')!.getAttribute('part')).to.equal('message-encryption');

    // Bob signs in on a second device: the conversation says so.
    const b2 = device(bob, service, { encryption: 'omemo' });
    await connectAll(b2);
    const second = await (await b2.omemo())!.ownDevice();
    await until(() => deep('[part~="encryption-notice"]'), 'the notice of the new device', 30_000);
    expect(text(deep('[part~="encryption-notice"] [role="status"]'))).to.match(
      new RegExp(`^Bob has a new device \\(${second.deviceId}\\)`),
    );

    // The header's button opens the view, which lists both of Bob's devices; back returns to the conversation.
    const button = deep('[part~="encryption-button"]')!;
    expect(button.getAttribute('aria-label')).to.equal('Encryption and fingerprints');
    button.click();
    const view = await until(() => deep('xmpp-chat-encryption-view'), 'the encryption view');
    await until(() => view.shadowRoot!.querySelectorAll('[part~="device"]').length === 2, "Bob's two devices");
    expect(view.shadowRoot!.activeElement?.getAttribute('part'), 'focus in the view').to.equal('encryption-back');
    expect(deep('xmpp-chat-message-list')).to.equal(null);
    view.shadowRoot!.querySelector<HTMLElement>('[part~="encryption-back"]')!.click();
    await until(() => deep('xmpp-chat-message-list'), 'the conversation again');
    await until(() => panel!.shadowRoot!.activeElement === deep('[part~="encryption-button"]'), 'focus back on the button');

    // Dismissed, the notice goes.
    deep('[part~="encryption-notice"] button')!.click();
    await until(() => !deep('[part~="encryption-notice"]'), 'the notice dismissed');
  });

  it('says in words that a message to someone without OMEMO was not sent, and with plaintext-fallback sends it marked so', async () => {
    const [ann, carl] = await newAccounts('prosody', 'enc-fail-a', 'enc-fail-c');
    const carlJid = `${carl}@${DOMAIN}`;
    const c = device(carl, service); // no encryption: Carl publishes no device
    await connectAll(c);
    panel = document.createElement('xmpp-chat-panel') as ChatPanel;
    const config = {
      mode: 'visitor',
      service,
      jid: `${ann}@${DOMAIN}`,
      password: `pass-${ann}`,
      to: carlJid,
      anonymous: false,
      debug: false,
    } as const;
    panel.config = { ...config, encryption: 'omemo' };
    panel.active = true;
    document.body.append(panel);
    await until(() => panel!.session?.status === 'connected' && panel!.encryption, 'the session and encryption', 30_000);
    await panel.send('A secret');
    const row = () => [...inList('[part~="message-out"]')].find((m) => text(m).includes('A secret'));
    await until(() => row()?.querySelector('[part~="message-error"]'), 'the failure', 30_000);
    expect(text(row()!.querySelector('[part~="message-unencrypted"]'))).to.equal('Not sent: it could not be encrypted');
    expect(text(row()!.querySelector('[part~="message-error"]'))).to.include(`${carlJid} has no OMEMO device`);
    expect(row()!.querySelector('[part~="retry-button"]')).to.not.equal(null);

    // With the fallback (a new session: the setting changed), it goes in the clear, and says so.
    panel.config = { ...config, encryption: 'omemo', plaintextFallback: true };
    await until(() => panel!.session?.status === 'connected', 'the new session', 30_000);
    await panel.send('Not a secret');
    await eventually(async () => (await history(c, `${ann}@${DOMAIN}`)).some((m) => m.body === 'Not a secret'), 'Carl reading it');
    const plain = () => [...inList('[part~="message-out"]')].find((m) => text(m).includes('Not a secret'));
    await until(() => plain()?.querySelector('[part~="message-unencrypted"]'), 'the plain message marked');
    expect(text(plain()!.querySelector('[part~="message-unencrypted"]'))).to.equal('Not encrypted');
  });
});
