/**
 * "Log out and forget this device": after it, the browser's storage — what a new page with the
 * same storage would find — holds nothing of the agent's account: no history, no drafts.
 */
import { expect } from '@esm-bundle/chai';
import { newStanzaId } from '../../src/index.ts';
import { closeChats, connectAll, device, eventually } from '../integration/chat-helpers.ts';
import { SERVERS, freshAccount, serviceUrl } from '../integration/servers.ts';
import { everyStoredKey, webStorageMentioning } from '../integration/stored-values.ts';
import { closePages, deep, deepAll, page, typeAndSend, waitFor } from './pages.ts';

const service = serviceUrl('websocket', SERVERS.prosody.httpPort);

function fill(input: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

const keysOf = async (account: string) => (await everyStoredKey()).filter((key) => Array.isArray(key) && key[0] === account);

describe('log out and forget this device', function () {
  this.timeout(90_000);
  afterEach(async () => {
    closePages();
    await closeChats();
  });

  it("deletes the account's history and drafts from the browser, and shows the login form", async () => {
    const [agent, peer] = await Promise.all(['agent', 'peer'].map((p) => freshAccount(p)));
    const account = `${agent}@localhost`;
    const frame = await page(`<main style="height:700px"><xmpp-chat mode="full" service="${service}"></xmpp-chat></main>
      <script type="module" src="/dist/xmpp-chat.js"></script>`);
    const doc = frame.contentDocument!;
    fill(await waitFor(() => deep<HTMLInputElement>(doc, '[part~="jid-input"]'), 'the address field'), account);
    fill(deep<HTMLInputElement>(doc, '[part~="password-input"]')!, `pass-${agent}`);
    deep(doc, '[part~="submit-button"]')!.click();
    await waitFor(() => deep(doc, '[part~="contact-list"]'), 'the contact list');

    // A visitor writes; the agent answers and leaves a draft.
    const visitor = device(peer, service);
    await connectAll(visitor);
    const hello = `hello ${newStanzaId()}`;
    await visitor.send(account, hello);
    const row = await waitFor(() => deepAll(doc, '[part~="contact"]')[0], 'the conversation'); // a new account: the only one
    row.click();
    await waitFor(() => deepAll(doc, '[part~="message-body"]').some((el) => el.textContent?.includes(hello)), 'the message');
    typeAndSend(doc, `answer ${newStanzaId()}`);
    fill(await waitFor(() => deep<HTMLTextAreaElement>(doc, 'textarea'), 'the composer'), 'an unsent draft');
    await eventually(
      async () => (await keysOf(account)).length > 0 && webStorageMentioning(`${peer}@localhost`).length > 0,
      'history and draft stored',
    );

    const forget = deep<HTMLButtonElement>(doc, '[part~="forget-button"]')!;
    expect(forget.textContent?.trim()).to.equal('Log out and forget this device');
    forget.click();
    await waitFor(() => deep(doc, '[part~="jid-input"]'), 'the login form again');
    await eventually(async () => (await keysOf(account)).length === 0, 'the history to be deleted').catch(async (error: Error) => {
      throw new Error(`${error.message}: ${JSON.stringify(await keysOf(account))}`);
    });
    expect(webStorageMentioning(`${peer}@localhost`), 'drafts').to.deep.equal([]);
    expect(webStorageMentioning(account), 'anything of the account').to.deep.equal([]);
  });
});
