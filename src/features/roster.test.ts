import { expect } from '@esm-bundle/chai';
import type { Client } from '../client.ts';
import { Emitter } from '../events.ts';
import { parseXml } from '../stanza/dom.ts';
import type { XmlElement } from '../stanza/element.ts';
import type { IqHandler } from '../iq.ts';
import type { MessageStore } from '../storage/index.ts';
import { createRoster } from './roster.ts';

describe('roster', () => {
  it('reports a roster this device cannot read or keep, and leaves no failure unhandled', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (event: PromiseRejectionEvent) => {
      unhandled.push(event.reason);
      event.preventDefault();
    };
    addEventListener('unhandledrejection', onUnhandled);
    try {
      const handlers = new Map<string, IqHandler>();
      const events = new Emitter<{ stanza: XmlElement; status: { status: string } }>();
      const client = {
        status: 'connected',
        epoch: 1,
        send: () => undefined,
        on: events.on.bind(events),
        handleIq: (name: string, xmlns: string, handler: IqHandler) => handlers.set(`${xmlns} ${name}`, handler),
      } as unknown as Client;
      const broken = () => Promise.reject(new Error('The disk is full.'));
      const store = { getRoster: broken, setRoster: broken } as unknown as MessageStore;
      const roster = createRoster({ client, store, account: () => 'me@example.org' });
      const errors: string[] = [];
      roster.on('error', (error) => errors.push(error.message));
      const push = parseXml(
        `<iq xmlns='jabber:client' type='set' id='p1'><query xmlns='jabber:iq:roster'><item jid='ann@example.org' subscription='both'/></query></iq>`,
      );
      await handlers.get('jabber:iq:roster query')!(push, push.children[0] as XmlElement);
      await new Promise((r) => setTimeout(r, 50));
      expect(roster.contacts.has('ann@example.org'), 'the push still counts').to.equal(true);
      expect(errors).to.deep.equal(['The disk is full.', 'The disk is full.']);
      expect(unhandled).to.deep.equal([]);
    } finally {
      removeEventListener('unhandledrejection', onUnhandled);
    }
  });
});
