// A stand-in XMPP server on loopback (WebSocket, RFC 7395) holding one big room, for the rooms
// bench: OCCUPANTS occupants and ARCHIVED archived messages, answered the way Prosody 0.12 words
// them, and presence floods on demand. A real server cannot seat a thousand occupants here: each
// joiner's presence goes to everyone already in the room, and Prosody 0.12 spent 26 s of CPU
// seating 300 anonymous clients (45,000 presences) on the 2-core test machine; a thousand would
// take minutes of the servers every other test shares. This measures the widget, not a server.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';
import parse from '@xmpp/xml/lib/parse.js';
import { escapeXML as esc } from '@xmpp/xml';

const MAX_OCCUPANTS = 2000;
const MAX_ARCHIVED = 20_000;
const FRAMING = 'urn:ietf:params:xml:ns:xmpp-framing';
const MUC_USER = 'http://jabber.org/protocol/muc#user';
const DISCO_INFO = 'http://jabber.org/protocol/disco#info';

const id = () => randomBytes(9).toString('base64url');
const occupantId = (nick) => Buffer.from(nick).toString('base64');

/** Prosody's words for an occupant's presence; `extra` goes in before the MUC payload. */
function occupantPresence(room, nick, to, { self = false, type, show, affiliation = 'none', role = 'participant' } = {}) {
  const attrs = type ? ` type="${type}"` : '';
  const status = self ? '<status code="110"/>' : '';
  const item = `<item affiliation="${affiliation}" role="${type === 'unavailable' ? 'none' : role}"/>`;
  return (
    `<presence from="${esc(`${room}/${nick}`)}" to="${esc(to)}" id="${id()}"${attrs}>${show ? `<show>${show}</show>` : ''}` +
    `<occupant-id xmlns="urn:xmpp:occupant-id:0" id="${occupantId(nick)}"/><x xmlns="${MUC_USER}">${item}${status}</x></presence>`
  );
}

export class BigRoom {
  #http;
  #wss;
  #sockets = new Set();
  /** What the widget asked for that this server does not know (iq payloads), to see what it missed. */
  unknown = new Set();

  constructor({ room, domain = 'anon.localhost', occupants, archived, startTime = Date.now() - archived * 60_000 }) {
    if (occupants > MAX_OCCUPANTS || archived > MAX_ARCHIVED)
      throw new Error(`at most ${MAX_OCCUPANTS} occupants and ${MAX_ARCHIVED} messages`);
    Object.assign(this, { room, domain });
    this.nicks = Array.from({ length: occupants }, (_, n) => `guest-${n}`);
    this.archive = Array.from({ length: archived }, (_, n) => ({
      id: `a${n}`,
      time: startTime + n * 60_000,
      nick: this.nicks[n % occupants] ?? 'someone',
      body: `archived message ${n + 1} of ${archived}${n % 3 ? ': the quick brown fox jumps over the lazy dog' : ''}`,
    }));
  }

  async up() {
    this.#http = createServer((_, res) => res.writeHead(404).end());
    this.#wss = new WebSocketServer({ server: this.#http, handleProtocols: () => 'xmpp' });
    this.#wss.on('connection', (ws) => this.#session(ws));
    await new Promise((resolve) => this.#http.listen(0, '127.0.0.1', resolve));
    return this.#http.address().port;
  }

  async down() {
    for (const ws of this.#sockets) ws.terminate();
    await new Promise((resolve) => this.#wss.close(() => this.#http.close(() => resolve())));
  }

  /** Every occupant changes its presence at once (`show`: away, xa, dnd, chat, or '' for available). */
  flood(show) {
    for (const { ws, jid } of this.#joined()) for (const nick of this.nicks) ws.send(occupantPresence(this.room, nick, jid, { show }));
    return this.nicks.length;
  }

  /** `count` occupants leave and as many others come in, at once. */
  churn(count) {
    const leaving = this.nicks.splice(0, count);
    const coming = leaving.map((nick) => `${nick}-again`);
    this.nicks.push(...coming);
    for (const { ws, jid } of this.#joined()) {
      for (const nick of leaving) ws.send(occupantPresence(this.room, nick, jid, { type: 'unavailable' }));
      for (const nick of coming) ws.send(occupantPresence(this.room, nick, jid));
    }
    return leaving.length * 2;
  }

  *#joined() {
    for (const ws of this.#sockets) if (ws.state?.nick) yield { ws, jid: ws.state.jid };
  }

  #session(ws) {
    this.#sockets.add(ws);
    ws.state = { authenticated: false, jid: `${id().toLowerCase()}@${this.domain}/${id()}` };
    ws.on('close', () => this.#sockets.delete(ws));
    ws.on('message', (data) => {
      const el = parse(String(data));
      if (el.is('open', FRAMING)) return this.#open(ws);
      if (el.is('close', FRAMING)) return ws.close();
      if (el.is('auth')) {
        ws.state.authenticated = true;
        return ws.send('<success xmlns="urn:ietf:params:xml:ns:xmpp-sasl"/>');
      }
      if (el.name === 'iq') return this.#iq(ws, el);
      if (el.name === 'presence') return this.#presence(ws, el);
      if (el.name === 'message') return this.#message(ws, el);
    });
  }

  #open(ws) {
    ws.send(`<open xmlns="${FRAMING}" from="${this.domain}" id="${id()}" version="1.0" xml:lang="en"/>`);
    const features = ws.state.authenticated
      ? '<bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"/>'
      : '<mechanisms xmlns="urn:ietf:params:xml:ns:xmpp-sasl"><mechanism>ANONYMOUS</mechanism></mechanisms>';
    ws.send(`<stream:features xmlns:stream="http://etherx.jabber.org/streams">${features}</stream:features>`);
  }

  #iq(ws, iq) {
    const { jid } = ws.state;
    const to = iq.attrs.to ?? this.domain;
    const reply = (payload = '') =>
      ws.send(`<iq type="result" id="${esc(iq.attrs.id)}" from="${esc(to)}" to="${esc(jid)}">${payload}</iq>`);
    const child = iq.children.find((c) => typeof c !== 'string');
    const ns = child?.attrs.xmlns;
    if (iq.attrs.type === 'result' || iq.attrs.type === 'error') return;
    if (ns === 'urn:ietf:params:xml:ns:xmpp-bind') return reply(`<bind xmlns="${ns}"><jid>${esc(jid)}</jid></bind>`);
    if (ns === 'urn:xmpp:ping' || ns === 'urn:ietf:params:xml:ns:xmpp-session') return reply();
    if (ns === DISCO_INFO && to === this.room)
      return reply(
        `<query xmlns="${DISCO_INFO}"><identity category="conference" type="text" name="${esc(this.room.split('@')[0])}"/>` +
          [
            'http://jabber.org/protocol/muc',
            'urn:xmpp:mam:2',
            'urn:xmpp:sid:0',
            'urn:xmpp:occupant-id:0',
            'muc_persistent',
            'muc_open',
            'muc_public',
          ]
            .map((f) => `<feature var="${f}"/>`)
            .join('') +
          '</query>',
      );
    if (ns === DISCO_INFO)
      return reply(`<query xmlns="${DISCO_INFO}"><identity category="server" type="im"/><feature var="urn:xmpp:ping"/></query>`);
    if (ns === 'jabber:iq:roster') return reply('<query xmlns="jabber:iq:roster"/>');
    if (ns === 'urn:xmpp:mam:2' && to === this.room) return this.#mam(ws, iq, child, reply);
    this.unknown.add(`${iq.attrs.type} ${to} ${ns}`);
    ws.send(
      `<iq type="error" id="${esc(iq.attrs.id)}" from="${esc(to)}" to="${esc(jid)}"><error type="cancel">` +
        '<service-unavailable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>',
    );
  }

  /** A page of the room's archive (XEP-0313 with RSM: max, before, after; the form's start and end). */
  #mam(ws, iq, query, reply) {
    const set = query.getChild('set', 'http://jabber.org/protocol/rsm');
    const max = Math.min(Number(set?.getChildText('max') ?? 50), 500);
    const field = (name) =>
      query
        .getChild('x', 'jabber:x:data')
        ?.getChildren('field')
        .find((f) => f.attrs.var === name)
        ?.getChildText('value');
    const start = field('start') ? Date.parse(field('start')) : -Infinity;
    const end = field('end') ? Date.parse(field('end')) : Infinity;
    let list = this.archive.filter((m) => m.time >= start && m.time <= end);
    const before = set?.getChild('before');
    const after = set?.getChildText('after');
    if (after) list = list.slice(list.findIndex((m) => m.id === after) + 1);
    if (before && before.getText())
      list = list.slice(
        0,
        Math.max(
          0,
          list.findIndex((m) => m.id === before.getText()),
        ),
      );
    const page = before ? list.slice(Math.max(0, list.length - max)) : list.slice(0, max);
    const complete = before ? page.length === list.length : page.length === list.length;
    const queryId = query.attrs.queryid;
    for (const m of page)
      ws.send(
        `<message to="${esc(ws.state.jid)}" from="${esc(this.room)}"><result xmlns="urn:xmpp:mam:2"${queryId ? ` queryid="${esc(queryId)}"` : ''} id="${m.id}">` +
          `<forwarded xmlns="urn:xmpp:forward:0"><delay xmlns="urn:xmpp:delay" stamp="${new Date(m.time).toISOString()}"/>` +
          `<message xmlns="jabber:client" type="groupchat" from="${esc(`${this.room}/${m.nick}`)}" id="${m.id}-origin">` +
          `<body>${esc(m.body)}</body><occupant-id xmlns="urn:xmpp:occupant-id:0" id="${occupantId(m.nick)}"/></message></forwarded></result></message>`,
      );
    const rsm = page.length ? `<first>${page[0].id}</first><last>${page.at(-1).id}</last>` : '';
    reply(
      `<fin xmlns="urn:xmpp:mam:2" complete="${complete}"><set xmlns="http://jabber.org/protocol/rsm">${rsm}<count>${list.length}</count></set></fin>`,
    );
  }

  #presence(ws, presence) {
    const to = presence.attrs.to ?? '';
    if (!to.startsWith(`${this.room}/`)) return;
    const nick = to.slice(this.room.length + 1);
    const { jid } = ws.state;
    if (presence.attrs.type === 'unavailable') {
      ws.state.nick = undefined;
      return ws.send(occupantPresence(this.room, nick, jid, { self: true, type: 'unavailable' }));
    }
    if (ws.state.nick) return ws.send(occupantPresence(this.room, nick, jid, { self: true }));
    ws.state.nick = nick;
    // As Prosody: everyone already there, in one burst, then our own presence, then the subject.
    for (const other of this.nicks) ws.send(occupantPresence(this.room, other, jid));
    ws.send(occupantPresence(this.room, nick, jid, { self: true }));
    ws.send(`<message type="groupchat" from="${esc(this.room)}" to="${esc(jid)}" id="${id()}"><subject>A big room</subject></message>`);
  }

  #message(ws, message) {
    if (message.attrs.type !== 'groupchat' || message.attrs.to !== this.room || !ws.state.nick) return;
    const stanzaId = `live-${id()}`;
    const body = message.getChildText('body') ?? '';
    this.archive.push({ id: stanzaId, time: Date.now(), nick: ws.state.nick, body });
    const origin = message.getChild('origin-id', 'urn:xmpp:sid:0');
    const copy =
      `<message type="groupchat" from="${esc(`${this.room}/${ws.state.nick}`)}" to="${esc(ws.state.jid)}" id="${esc(message.attrs.id ?? id())}">` +
      `<body>${esc(body)}</body>${origin ? `<origin-id xmlns="urn:xmpp:sid:0" id="${esc(origin.attrs.id)}"/>` : ''}` +
      `<stanza-id xmlns="urn:xmpp:sid:0" by="${esc(this.room)}" id="${stanzaId}"/></message>`;
    ws.send(copy);
  }
}
