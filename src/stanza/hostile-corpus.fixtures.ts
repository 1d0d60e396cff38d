/**
 * Hostile stanzas for the parser corpus test: nesting ten thousand deep, megabyte texts and
 * attributes, thousands of items, missing and repeated attributes and children, wrong namespaces,
 * forged senders, and names that mean something to JavaScript objects. Each is an XmlElement as a
 * transport could hand it over, built directly (so deeper than any transport would pass on).
 */
import { xml, type XmlElement, type XmlNode } from './element.ts';

export const OWN = 'alice@example.org';
export const QUERY_ID = 'q1';
const FORGER = 'mallory@evil.example/x';
const MB = 1_000_000;

export interface HostileStanza {
  readonly name: string;
  readonly el: XmlElement;
}

/** An element nested `depth` deep, built without recursion. */
export function nested(depth: number, name = 'a', inner: XmlNode[] = ['bottom']): XmlElement {
  let node: XmlElement = { name, attrs: {}, children: inner };
  for (let i = 1; i < depth; i++) node = { name, attrs: {}, children: [node] };
  return node;
}

const NS = {
  roster: 'jabber:iq:roster',
  blocking: 'urn:xmpp:blocking',
  mam: 'urn:xmpp:mam:2',
  rsm: 'http://jabber.org/protocol/rsm',
  forward: 'urn:xmpp:forward:0',
  carbons: 'urn:xmpp:carbons:2',
  disco: 'http://jabber.org/protocol/disco#info',
  data: 'jabber:x:data',
  private: 'jabber:iq:private',
  replies: 'urn:xmpp-chat:canned-replies:0',
  visitor: 'urn:xmpp-chat:visitor:0',
  desk: 'urn:xmpp-chat:desk:0',
  nick: 'http://jabber.org/protocol/nick',
  stanzas: 'urn:ietf:params:xml:ns:xmpp-stanzas',
  streams: 'urn:ietf:params:xml:ns:xmpp-streams',
  sasl: 'urn:ietf:params:xml:ns:xmpp-sasl',
  delay: 'urn:xmpp:delay',
  sid: 'urn:xmpp:sid:0',
  receipts: 'urn:xmpp:receipts',
  markers: 'urn:xmpp:chat-markers:0',
};

const deep = () => nested(10_000);
const many = (n: number, make: (i: number) => XmlElement) => Array.from({ length: n }, (_, i) => make(i));
const chat = (attrs: Record<string, string>, ...children: XmlNode[]) =>
  ({ name: 'message', attrs: { xmlns: 'jabber:client', type: 'chat', ...attrs }, children }) as XmlElement;
const iq = (type: string, attrs: Record<string, string>, ...children: XmlNode[]) =>
  ({ name: 'iq', attrs: { type, id: 'i1', ...attrs }, children }) as XmlElement;

/** Payloads that each parser looks for, every one of them hostile in some way. */
function payloads(): HostileStanza[] {
  return [
    // Messages
    { name: 'message with a 10,000-deep extension', el: chat({ from: FORGER }, xml('body', {}, 'hi'), deep()) },
    { name: 'message whose body is 10,000 deep', el: chat({ from: FORGER }, { name: 'body', attrs: {}, children: [deep()] }) },
    { name: 'message with a 1 MB body', el: chat({ from: FORGER, id: 'big' }, xml('body', {}, 'x'.repeat(MB))) },
    {
      name: 'message with 1 MB attributes',
      el: chat({ from: `${'a'.repeat(MB)}@evil.example`, id: 'i'.repeat(MB), to: 'b'.repeat(MB) }, xml('body', {}, 'hi')),
    },
    {
      name: 'message with 10,000 bodies, stanza-ids and receipts',
      el: chat(
        { from: FORGER, id: 'm' },
        ...many(10_000, (i) => xml('body', {}, `b${i}`)),
        ...many(10_000, (i) => xml('stanza-id', { xmlns: NS.sid, by: OWN, id: `s${i}` })),
        ...many(10_000, (i) => xml('received', { xmlns: NS.receipts, id: `r${i}` })),
      ),
    },
    {
      name: 'message with body, delay and ids in wrong namespaces',
      el: chat(
        { from: FORGER },
        xml('body', { xmlns: 'urn:evil' }, 'not a body'),
        xml('delay', { xmlns: 'urn:evil', stamp: '1999-01-01T00:00:00Z' }),
        xml('origin-id', { xmlns: 'urn:evil', id: 'o' }),
        xml('displayed', { xmlns: 'urn:evil', id: 'd' }),
      ),
    },
    { name: 'message without any attribute', el: { name: 'message', attrs: {}, children: [xml('body', {}, 'hi')] } },
    {
      name: 'message with empty attributes',
      el: chat({ from: '', to: '', id: '', type: '' }, xml('body', {}, ''), xml('delay', { xmlns: NS.delay, stamp: '' })),
    },
    {
      name: 'message with a forged delay from the past and the future',
      el: chat(
        { from: FORGER },
        xml('body', {}, 'first!'),
        xml('delay', { xmlns: NS.delay, from: 'evil.example', stamp: '1970-01-01T00:00:00Z' }),
        xml('delay', { xmlns: NS.delay, from: 'example.org', stamp: '9999-12-31T23:59:59.999999Z' }),
      ),
    },
    {
      name: 'message with names that mean something to objects',
      el: {
        // Parsed, so that `__proto__` is an own key as it would be from a transport.
        name: 'message',
        attrs: JSON.parse(
          `{"xmlns":"jabber:client","type":"chat","from":"${FORGER}","__proto__":"x","constructor":"y","hasOwnProperty":"z"}`,
        ) as Record<string, string>,
        children: [
          xml('body', {}, 'hi'),
          xml('__proto__', {}),
          xml('constructor', { xmlns: NS.visitor }),
          xml(
            'visitor',
            { xmlns: NS.visitor },
            xml('__proto__', {}, 'p'),
            xml('name', {}, 'n'.repeat(MB)),
            xml('page', { title: 't'.repeat(MB) }, `javascript:${'x'.repeat(MB)}`),
          ),
        ],
      },
    },
    {
      name: 'message with 10,000 visitor contexts, one 10,000 deep',
      el: chat(
        { from: FORGER },
        xml('body', {}, 'hi'),
        ...many(10_000, () => xml('visitor', { xmlns: NS.visitor }, xml('name', {}, 'n'))),
        xml('visitor', { xmlns: NS.visitor }, deep()),
      ),
    },
    {
      name: 'message with a 1 MB nick, a rating 10,000 deep and 10,000 rate requests',
      el: chat(
        { from: FORGER },
        xml('body', {}, 'Rating: 5/5'),
        xml('nick', { xmlns: NS.nick }, `\u202e${'n'.repeat(MB)}`),
        xml('nick', { xmlns: NS.nick }, 'second'),
        { name: 'rating', attrs: { xmlns: NS.desk, score: '5' }, children: [deep(), 'x'.repeat(MB)] },
        xml('rating', { xmlns: NS.desk, score: '1' }, 'second'),
        ...many(10_000, () => xml('rate', { xmlns: NS.desk })),
      ),
    },
    {
      name: 'error message with a 10,000-deep error',
      el: chat(
        { from: FORGER, type: 'error', id: 'e' },
        xml('error', { type: 'cancel' }, deep(), xml('text', { xmlns: NS.stanzas }, 'x'.repeat(MB))),
      ),
    },
    // Carbons
    {
      name: 'forged carbon from someone else',
      el: chat(
        { from: FORGER },
        xml(
          'received',
          { xmlns: NS.carbons },
          xml('forwarded', { xmlns: NS.forward }, chat({ from: 'bob@example.org/x', to: OWN }, xml('body', {}, 'forged'))),
        ),
      ),
    },
    {
      name: 'forged carbon from our own full address',
      el: chat(
        { from: `${OWN}/other` },
        xml('sent', { xmlns: NS.carbons }, xml('forwarded', { xmlns: NS.forward }, chat({ to: 'bob@example.org' }, xml('body', {}, 'x')))),
      ),
    },
    {
      name: 'carbon of a carbon, 10,000 deep',
      el: chat(
        { from: OWN },
        (() => {
          let inner: XmlElement = chat({ from: OWN }, xml('body', {}, 'x'));
          for (let i = 0; i < 5_000; i++)
            inner = chat({ from: OWN }, xml('sent', { xmlns: NS.carbons }, xml('forwarded', { xmlns: NS.forward }, inner)));
          return inner;
        })(),
      ),
    },
    {
      name: 'carbon with two wrappers',
      el: chat(
        { from: OWN },
        xml('sent', { xmlns: NS.carbons }, xml('forwarded', { xmlns: NS.forward }, chat({}, xml('body', {}, '1')))),
        xml('received', { xmlns: NS.carbons }, xml('forwarded', { xmlns: NS.forward }, chat({}, xml('body', {}, '2')))),
      ),
    },
    // Archive
    {
      name: 'archive result from a forged archive',
      el: chat(
        { from: FORGER },
        xml(
          'result',
          { xmlns: NS.mam, queryid: QUERY_ID, id: 'a1' },
          xml(
            'forwarded',
            { xmlns: NS.forward },
            xml('delay', { xmlns: NS.delay, stamp: '1999-01-01T00:00:00Z' }),
            chat({ from: 'bob@example.org' }, xml('body', {}, 'forged')),
          ),
        ),
      ),
    },
    {
      name: 'archive result with the wrong query id and 10,000 forwards',
      el: chat(
        {},
        xml(
          'result',
          { xmlns: NS.mam, queryid: 'other', id: 'a1' },
          ...many(10_000, () => xml('forwarded', { xmlns: NS.forward }, chat({}, xml('body', {}, 'x')))),
        ),
      ),
    },
    {
      name: 'archive result 10,000 deep',
      el: chat({}, xml('result', { xmlns: NS.mam, queryid: QUERY_ID, id: 'a1' }, xml('forwarded', { xmlns: NS.forward }, deep()))),
    },
    {
      name: 'archive fin with 1 MB ids and a hostile count',
      el: iq(
        'result',
        {},
        xml(
          'fin',
          { xmlns: NS.mam, complete: 'maybe' },
          xml('set', { xmlns: NS.rsm }, xml('first', {}, 'f'.repeat(MB)), xml('last', {}, deep()), xml('count', {}, '1e309')),
        ),
      ),
    },
    // Roster and blocking
    {
      name: 'forged roster push',
      el: iq(
        'set',
        { from: FORGER },
        xml('query', { xmlns: NS.roster }, xml('item', { jid: 'mallory@evil.example', subscription: 'both' })),
      ),
    },
    {
      name: 'roster result with 10,000 items, duplicates and invalid addresses',
      el: iq(
        'result',
        {},
        xml(
          'query',
          { xmlns: NS.roster, ver: 'v'.repeat(MB) },
          ...many(10_000, (i) =>
            xml(
              'item',
              { jid: i % 3 === 0 ? 'dup@example.org' : i % 3 === 1 ? `bad @@${i}` : `u${i}@example.org/res`, subscription: '__proto__' },
              ...many(3, () => xml('group', {}, 'g'.repeat(1000))),
            ),
          ),
        ),
      ),
    },
    {
      name: 'roster push 10,000 deep in a wrong namespace',
      el: iq('set', {}, xml('query', { xmlns: 'jabber:iq:rosterx' }, xml('item', { jid: 'x@example.org' }, deep()))),
    },
    { name: 'forged block push', el: iq('set', { from: FORGER }, xml('unblock', { xmlns: NS.blocking })) },
    {
      name: 'block list of 10,000 with invalid and 1 MB addresses',
      el: iq(
        'result',
        {},
        xml(
          'blocklist',
          { xmlns: NS.blocking },
          ...many(10_000, (i) => xml('item', { jid: i % 2 ? `${'x'.repeat(2000)}@example.org` : `b${i}@example.org` })),
          xml('item', {}),
          deep(),
        ),
      ),
    },
    {
      name: 'unblock whose items are all invalid',
      el: iq('set', {}, xml('unblock', { xmlns: NS.blocking }, xml('item', { jid: '@@' }), xml('item', {}))),
    },
    // Disco, canned replies, conditions
    {
      name: 'disco info with 10,000 features, identities and forms',
      el: iq(
        'result',
        {},
        xml(
          'query',
          { xmlns: NS.disco },
          ...many(10_000, (i) => xml('feature', { var: `f${i % 100}` })),
          ...many(1_000, () => xml('identity', { category: 'c'.repeat(1000), type: '<' })),
          ...many(1_000, (i) =>
            xml(
              'x',
              { xmlns: NS.data, type: 'result' },
              xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, 'urn:x')),
              xml('field', { var: '__proto__' }, i === 0 ? deep() : xml('value', {}, 'v')),
            ),
          ),
        ),
      ),
    },
    {
      name: 'canned replies: 10,000, duplicate ids, 1 MB texts, one 10,000 deep',
      el: iq(
        'result',
        {},
        xml(
          'query',
          { xmlns: NS.private },
          xml(
            'replies',
            { xmlns: NS.replies },
            ...many(10_000, (i) =>
              xml(
                'reply',
                { id: i % 2 ? 'same' : `r${i}` },
                xml('title', {}, 't'.repeat(i === 0 ? MB : 10)),
                xml('text', {}, 'x'.repeat(i === 0 ? MB : 10)),
              ),
            ),
            xml('reply', { id: 'deep' }, deep()),
          ),
        ),
      ),
    },
    {
      name: 'stanza error with 10,000 conditions and a 1 MB text',
      el: iq(
        'error',
        { from: FORGER },
        xml(
          'error',
          { type: '__proto__' },
          ...many(10_000, (i) => xml(`c${i}`, { xmlns: NS.stanzas })),
          xml('text', { xmlns: NS.stanzas, 'xml:lang': 'x'.repeat(MB) }, 'x'.repeat(MB)),
        ),
      ),
    },
    { name: 'stream error 10,000 deep', el: xml('stream:error', {}, xml('conflict', { xmlns: NS.streams }, deep())) },
    { name: 'SASL failure without a condition, with a 1 MB text', el: xml('failure', { xmlns: NS.sasl }, xml('text', {}, 'x'.repeat(MB))) },
    // Presence
    {
      name: 'presence with 10,000 shows, statuses and priorities',
      el: {
        name: 'presence',
        attrs: { from: FORGER },
        children: [
          ...many(10_000, () => xml('show', {}, 'dnd')),
          ...many(10_000, () => xml('status', {}, 's'.repeat(100))),
          xml('priority', {}, '99999999999999999999'),
          xml('nick', { xmlns: 'http://jabber.org/protocol/nick' }, 'n'.repeat(MB)),
          deep(),
        ],
      },
    },
    {
      name: 'presence of an unknown type from an invalid address',
      el: { name: 'presence', attrs: { type: 'constructor', from: '@@/' }, children: [] },
    },
    {
      name: 'text where elements belong',
      el: { name: 'iq', attrs: { type: 'result' }, children: ['x'.repeat(MB), '<query xmlns="jabber:iq:roster"/>'] },
    },
  ];
}

let corpus: HostileStanza[] | undefined;
/** The corpus, built once (it is large). */
export function hostileCorpus(): HostileStanza[] {
  corpus ??= payloads();
  return corpus;
}

/** XML text that a transport could be handed: the browser's parser has limits of its own. */
export const HOSTILE_TEXTS: readonly { name: string; text: string }[] = [
  { name: '10,000-deep message', text: `<message xmlns='jabber:client'>${'<a>'.repeat(10_000)}${'</a>'.repeat(10_000)}</message>` },
  {
    name: 'billion laughs',
    text: `<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">${Array.from(
      { length: 9 },
      (_, i) => `<!ENTITY ${String.fromCharCode(98 + i)} "${`&${String.fromCharCode(97 + i)};`.repeat(10)}">`,
    ).join('')}]><message xmlns='jabber:client'><body>&j;</body></message>`,
  },
  {
    name: 'external entity',
    text: `<?xml version="1.0"?><!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]><message xmlns='jabber:client'><body>&x;</body></message>`,
  },
  { name: 'unclosed', text: `<message xmlns='jabber:client'><body>hi` },
  { name: 'duplicate attribute', text: `<message xmlns='jabber:client' from='a@b' from='c@d'><body>hi</body></message>` },
  { name: 'undeclared prefix', text: `<stream:features><x:y/></stream:features>` },
  {
    name: '1 MB body with 100,000 entities',
    text: `<message xmlns='jabber:client'><body>${'&lt;&amp;'.repeat(100_000)}${'x'.repeat(MB)}</body></message>`,
  },
];
