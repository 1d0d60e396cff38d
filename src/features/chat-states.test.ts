import { expect } from '@esm-bundle/chai';
import type { Client } from '../client.ts';
import { Emitter } from '../events.ts';
import type { XmlElement } from '../stanza/element.ts';
import type { ChatState } from '../stanza/message-extensions.ts';
import { createChatStates } from './chat-states.ts';
import type { Messaging, MessagingEvents } from './messaging.ts';

function setup() {
  const sent: XmlElement[] = [];
  const client = { status: 'connected', send: (el: XmlElement) => void sent.push(el) } as unknown as Client;
  const events = new Emitter<MessagingEvents>();
  const messaging = { on: events.on.bind(events) } as unknown as Messaging;
  const states = createChatStates({ client, messaging, repeatMs: 1000, pauseMs: 30 });
  const hear = (state: ChatState, live = true) => events.emit('chatState', { peer: 'bob@x', state, live });
  const names = () =>
    sent
      .map((el) => el.children.find((c) => typeof c !== 'string' && c.attrs.xmlns === 'http://jabber.org/protocol/chatstates'))
      .map((c) => (c as XmlElement | undefined)?.name);
  return { states, hear, names };
}

describe('chat states', () => {
  it('sends nothing to a peer that never sent a chat state', () => {
    const { states, names } = setup();
    states.typing('bob@x', true);
    expect(names()).to.deep.equal([]);
  });

  it('learns from an archived state that the peer uses them, without taking it as current', () => {
    const { states, hear, names } = setup();
    hear('composing', false);
    expect(states.of('bob@x')).to.equal(undefined);
    states.typing('bob@x', true);
    expect(names()).to.deep.equal(['composing']);
  });

  it('reports live states once each, and pauses after the pause delay', async () => {
    const { states, hear, names } = setup();
    const seen: ChatState[] = [];
    states.on('state', ({ state }) => seen.push(state));
    hear('active');
    hear('active');
    hear('composing');
    expect(seen).to.deep.equal(['active', 'composing']);
    states.typing('bob@x', true);
    states.typing('bob@x', true);
    await new Promise((r) => setTimeout(r, 60));
    states.typing('bob@x', false);
    expect(names()).to.deep.equal(['composing', 'paused', 'active']);
  });
});
