/**
 * The full widget as a support agent uses it, against a real server: a login that fails in words,
 * then contacts — adding one, answering a subscription request, switching conversations,
 * chatting — and logging out.
 */
import { expect } from '@esm-bundle/chai';
import { newStanzaId } from '../../src/index.ts';
import { closeChats, connectAll, device, eventually, history } from '../integration/chat-helpers.ts';
import { SERVERS, freshAccount, serviceUrl, until } from '../integration/servers.ts';
import { accessibilityViolations, closePages, deep, deepAll, page, typeAndSend, waitFor, headerButton } from './pages.ts';

const service = serviceUrl('websocket', SERVERS.prosody.httpPort);

function fill(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

async function login(doc: Document, jid: string, password: string): Promise<void> {
  fill(await waitFor(() => deep<HTMLInputElement>(doc, '[part~="jid-input"]'), 'the address field'), jid);
  fill(deep<HTMLInputElement>(doc, '[part~="password-input"]')!, password);
  deep(doc, '[part~="submit-button"]')!.click();
}

const contactRow = (doc: Document, jid: string) => deepAll(doc, '[part~="contact"]').find((el) => el.textContent?.includes(jid));

describe('the full widget', function () {
  this.timeout(90_000);
  afterEach(async () => {
    closePages();
    await closeChats();
  });

  it('logs in (after a wrong password), adds a contact, answers a request, chats, and logs out', async () => {
    const frame = await page(`<main style="height:700px"><xmpp-chat mode="full" service="${service}"></xmpp-chat></main>
      <script type="module" src="/dist/xmpp-chat.js"></script>`);
    const doc = frame.contentDocument!;
    // New accounts each run, so that earlier runs' contacts and subscriptions do not interfere.
    const [agent, peer, stranger] = await Promise.all(['agent', 'peer', 'stranger'].map((p) => freshAccount(p)));
    await login(doc, `${agent}@localhost`, 'not-the-password');
    const alert = await waitFor(() => deepAll(doc, '[role="alert"]').find((el) => el.textContent?.trim()), 'the login error');
    expect(alert.textContent).to.include('The address or password is wrong.');
    expect(deep(doc, '[part~="contact-list"]'), 'contacts before logging in').to.equal(undefined);

    const connected = new Promise((resolve) => doc.addEventListener('xmpp-chat-connected', resolve, { once: true }));
    await login(doc, `${agent}@localhost`, `pass-${agent}`);
    await connected;
    await waitFor(() => deep(doc, '[part~="add-button"]'), 'the contact list');

    // Carol adds Bob: he sees the request and accepts; she then sees him online.
    const bob = device(peer, service);
    await connectAll(bob);
    deep(doc, '[part~="add-button"]')!.click();
    const form = await waitFor(() => deep<HTMLFormElement>(doc, '[part~="add-form"]'), 'the add form');
    fill(form.querySelector<HTMLInputElement>('input[name="jid"]')!, `${peer}@localhost`);
    fill(form.querySelector<HTMLInputElement>('input[name="name"]')!, 'Bob <b>B</b>');
    form.requestSubmit();
    await waitFor(() => contactRow(doc, 'Bob <b>B</b>'), 'Bob in the list, named as text');
    await until(() => bob.roster.requests.has(`${agent}@localhost`), 'the request at bob');
    bob.roster.approve(`${agent}@localhost`);

    // Dave, a stranger to Carol, asks to see her presence: the request shows, and she accepts it.
    const dave = device(stranger, service);
    await connectAll(dave);
    await dave.roster.add(`${agent}@localhost`);
    const accept = await waitFor(
      () => deepAll(doc, '[part~="requests"] button').find((b) => /accept/i.test(b.textContent ?? '')),
      'the request in the widget',
    );
    expect(deep(doc, '[part~="requests"]')!.textContent).to.include(`${stranger}@localhost`);
    accept.click();
    await until(
      () => [...(dave.roster.contacts.get(`${agent}@localhost`)?.presence.values() ?? [])].length > 0,
      "carol's presence at dave",
      15_000,
    );
    await waitFor(() => !deep(doc, '[part~="requests"]'), 'the request answered');

    // A conversation: Carol writes, Bob answers; the unread count clears when she reads it.
    contactRow(doc, 'Bob <b>B</b>')!.click();
    await waitFor(() => deep(doc, 'textarea'), 'the composer');
    const text = `hello bob ${newStanzaId()}`;
    typeAndSend(doc, text);
    await eventually(async () => (await history(bob, `${agent}@localhost`)).some((m) => m.body === text), 'bob to receive it');
    const reply = `hi carol ${newStanzaId()}`;
    await bob.send(`${agent}@localhost`, reply);
    await waitFor(() => deepAll(doc, '[part~="message-body"]').some((el) => el.textContent?.includes(reply)), 'the reply');
    await waitFor(() => !contactRow(doc, 'Bob <b>B</b>')!.querySelector('[part~="unread-count"]'), 'the unread count to clear');
    expect(await accessibilityViolations(frame), 'contacts and a conversation').to.deep.equal([]);

    headerButton(doc, 'Log out')!.click(); // Log out
    await waitFor(() => deep(doc, '[part~="jid-input"]'), 'the login form again');
    expect(deep(doc, '[part~="contact-list"]')).to.equal(undefined);
  });
});
