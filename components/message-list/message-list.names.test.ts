/** The message list's names of agents (XEP-0172) and its rating prompt. */
import { expect } from '@esm-bundle/chai';
import axe from 'axe-core';
import type { StoredMessage } from '../../src/index.ts';
import type { MessageList } from './message-list.ts';
import './message-list.ts';
import { loadLanguage } from '../i18n/i18n.ts';
import { record } from '../test-fixtures.ts';

before(() => loadLanguage('de'));

const MINUTE = 60_000;
const T0 = Date.now() - 60 * MINUTE;
let n = 0;
const message = (fields: Partial<StoredMessage> = {}): StoredMessage => {
  const key = `m${n++}`;
  return {
    key,
    peer: 'support@example.org',
    direction: 'in',
    body: `body of ${key}`,
    time: T0 + n * MINUTE,
    state: 'read',
    ids: [key],
    ...fields,
  };
};

const mounted: HTMLElement[] = [];
const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
async function settle(el: MessageList): Promise<void> {
  for (let i = 0; i < 6; i++) {
    await frame();
    await el.updateComplete;
  }
}
async function mount(props: Partial<MessageList>): Promise<MessageList> {
  const el = document.createElement('xmpp-chat-message-list') as MessageList;
  el.style.cssText = 'height: 500px; width: 360px';
  Object.assign(el, props);
  document.body.append(el);
  mounted.push(el);
  await settle(el);
  return el;
}
const all = (el: MessageList, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const senders = (el: MessageList) => all(el, '[data-key]').map((row) => row.querySelector('[part="message-sender"]')?.textContent ?? null);
const prompt = (el: MessageList) => el.shadowRoot!.querySelector('xmpp-chat-rating-prompt');
async function promptReady(el: MessageList) {
  await customElements.whenDefined('xmpp-chat-rating-prompt');
  await settle(el);
  const found = prompt(el)!;
  await found.updateComplete;
  return found;
}

afterEach(() => {
  for (const el of mounted.splice(0)) el.remove();
});

describe('xmpp-chat-message-list: agents’ names', () => {
  it('heads each run of an agent’s messages with its name, and each agent’s with its own', async () => {
    const messages = [
      message({ direction: 'out', body: 'Hello?' }),
      message({ nick: 'Ann' }),
      message({ nick: 'Ann' }),
      message({ nick: 'Bo' }),
      message({ direction: 'out' }),
      message({ nick: 'Bo' }),
      message({}),
    ];
    const el = await mount({ messages, peerName: 'Tea & Co.' });
    expect(senders(el)).to.deep.equal([null, 'Ann', null, 'Bo', null, 'Bo', null]);
    // Screen readers hear the name once per message, from the message itself.
    const srOf = (i: number) => all(el, '[data-key]')[i].querySelector('.sr')!.textContent;
    expect([srOf(1), srOf(2), srOf(3), srOf(6)]).to.deep.equal(['Ann: ', 'Ann: ', 'Bo: ', 'Tea & Co.: ']);
    expect(all(el, '[part="message-sender"]').every((name) => name.getAttribute('aria-hidden') === 'true')).to.equal(true);
  });

  it('shows a name again after a pause or a new day, and for our own account’s agents (the desk)', async () => {
    const first = message({ direction: 'out', nick: 'Ann' });
    const later = message({ direction: 'out', nick: 'Ann', time: first.time + 10 * MINUTE });
    const el = await mount({ messages: [first, message({ direction: 'out', nick: 'Ann', time: first.time + 1000 }), later] });
    expect(senders(el)).to.deep.equal(['Ann', null, 'Ann']);
  });

  it('shows a hostile name as text, never markup', async () => {
    const nick = '<img src=x onerror="window.hacked=1">';
    const el = await mount({ messages: [message({ nick })] });
    expect(senders(el)).to.deep.equal([nick]);
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
  });

  it('announces a new message with the name of the agent who wrote it', async () => {
    const el = await mount({ messages: [message({ nick: 'Ann' })], peerName: 'Tea & Co.' });
    el.messages = [...el.messages, message({ nick: 'Bo', body: 'Hi there' })];
    await settle(el);
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.equal('Bo: Hi there');
  });
});

describe('xmpp-chat-message-list: the rating prompt', () => {
  const ask = () => message({ nick: 'Ann', body: 'How did we do?', rateRequest: true });

  it('asks when the peer asked, only where the reader may rate, and loads its code then', async () => {
    const request = ask();
    expect(customElements.get('xmpp-chat-rating-prompt'), 'not loaded before it is needed').to.equal(undefined);
    const desk = await mount({ messages: [request] });
    expect(prompt(desk), 'not where the reader may not rate').to.equal(null);
    const el = await mount({ messages: [request], ratable: true, lang: 'de' });
    const shown = await promptReady(el);
    expect(shown.getAttribute('part')).to.equal('rating-prompt');
    expect(shown.shadowRoot!.querySelector('legend')!.textContent).to.equal('Wie haben wir dir geholfen?');
  });

  it('does not ask about our own request, nor again once a rating of ours follows', async () => {
    const ours = message({ direction: 'out', rateRequest: true });
    expect(prompt(await mount({ messages: [ours], ratable: true }))).to.equal(null);
    const answered = [ask(), message({ direction: 'out', body: 'Rating: 5/5', rating: { score: 5, at: T0 } })];
    expect(prompt(await mount({ messages: answered, ratable: true })), 'after a reload').to.equal(null);
    const askedAgain = [...answered, ask()];
    expect(prompt(await mount({ messages: askedAgain, ratable: true })), 'a new request').to.not.equal(null);
  });

  it('tells the rating from the list, and thanks the reader once it is sent', async () => {
    const request = ask();
    const el = await mount({ messages: [request], ratable: true });
    const rates = record(el, 'xmpp-chat-rate');
    const shown = await promptReady(el);
    shown.shadowRoot!.querySelector<HTMLInputElement>('#score-4')!.click();
    shown.shadowRoot!.querySelector('textarea')!.value = '  Quick  ';
    shown.shadowRoot!.querySelector('form')!.requestSubmit();
    expect(rates).to.deep.equal([{ score: 4, comment: 'Quick', body: 'Rating: 4/5 — Quick' }]);
    // The sent rating arrives in the list: the prompt stays, saying thanks.
    el.messages = [
      request,
      message({ direction: 'out', body: 'Rating: 4/5 — Quick', rating: { score: 4, comment: 'Quick', at: Date.now() } }),
    ];
    await settle(el);
    expect(prompt(el)?.answered).to.equal(true);
    expect(prompt(el)!.shadowRoot!.querySelector('[role="status"]')!.textContent).to.equal('Thank you for your rating!');
  });

  it('has no accessibility violations found by axe', async () => {
    const el = await mount({ messages: [message({ nick: 'Ann' }), ask()], ratable: true });
    await promptReady(el);
    const { violations } = await axe.run(el);
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((node) => node.html).join(' ')}`)).to.deep.equal([]);
  });
});
