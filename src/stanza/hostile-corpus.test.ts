/**
 * Every parser against every hostile stanza (hostile-corpus.fixtures.ts): none throws, none takes
 * long, and what they return is sane — forged senders refused, lists deduplicated and valid, texts
 * kept as text, no object prototype touched.
 */
import { expect } from '@esm-bundle/chai';
import { readMessage } from '../features/read-message.ts';
import { parseBlocklist, parseBlockPush } from './blocking.ts';
import { parseReplies, REPLY_LIMITS } from './canned-replies.ts';
import { unwrapCarbon } from './carbons.ts';
import { parseSaslFailure, parseStanzaError, parseStreamError } from './conditions.ts';
import { parseDiscoInfo } from './disco.ts';
import { parseXml, StanzaParseError } from './dom.ts';
import { toXmlString, type XmlElement } from './element.ts';
import { HOSTILE_TEXTS, hostileCorpus, OWN, QUERY_ID } from './hostile-corpus.fixtures.ts';
import { takeIncoming } from './incoming.ts';
import { parseJid } from './jid.ts';
import { parseMamFin, parseMamResult } from './mam.ts';
import { NICK_LIMIT, parseChatMessage, parseNick } from './message.ts';
import { parseMessageExtensions } from './message-extensions.ts';
import { parsePresence } from './presence.ts';
import { parseRateRequest, parseRating, RATING_COMMENT_LIMIT } from './rating.ts';
import { redactForLog } from './redact.ts';
import { parseRosterPush, parseRosterResult } from './roster.ts';
import { fromPlainTree, MAX_DEPTH, wasCut } from './tree.ts';
import { parseVisitorContext } from './visitor-context.ts';

const NOW = 1_800_000_000_000;

const PARSERS: Record<string, (el: XmlElement) => unknown> = {
  parseChatMessage,
  parseMessageExtensions,
  parseVisitorContext,
  parseNick,
  parseRateRequest,
  parseRating: (el) => parseRating(el, NOW),
  readMessage: (el) => readMessage(el, { account: OWN, now: NOW }),
  readArchived: (el) => readMessage(el, { account: OWN, now: NOW, archived: { id: 'a', stamp: '2026-01-01T00:00:00Z' } }),
  unwrapCarbon: (el) => unwrapCarbon(el, OWN),
  parseMamResult: (el) => parseMamResult(el, QUERY_ID, OWN),
  parseMamFin,
  parseRosterResult,
  parseRosterPush: (el) => parseRosterPush(el, OWN),
  parseBlocklist,
  parseBlockPush: (el) => parseBlockPush(el, OWN),
  parseDiscoInfo,
  parseReplies,
  parsePresence,
  parseStanzaError,
  parseStreamError,
  parseSaslFailure,
  toXmlString,
  redactForLog,
};

const results = new Map<string, Map<string, unknown>>();
const result = (stanza: string, parser: string) => results.get(stanza)!.get(parser);
const named = (name: string) => hostileCorpus().find((s) => s.name === name)!;

describe('hostile corpus', function () {
  this.timeout(60_000);
  const before = Object.getOwnPropertyNames(Object.prototype).sort();

  for (const { name, el } of hostileCorpus()) {
    it(`no parser throws or dawdles on a ${name}`, () => {
      const byParser = new Map<string, unknown>();
      for (const [parser, parse] of Object.entries(PARSERS)) {
        const started = performance.now();
        let value: unknown;
        expect(() => {
          value = parse(el);
        }, `${parser} on a ${name}`).not.to.throw();
        expect(performance.now() - started, `${parser} on a ${name}, in ms`).to.be.lessThan(1_000);
        byParser.set(parser, value);
      }
      results.set(name, byParser);
    });
  }

  it('leaves object prototypes as they were', () => {
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).to.deep.equal(before);
    expect(({} as Record<string, unknown>).x).to.equal(undefined);
  });

  it('refuses every forged sender', () => {
    expect(result('forged roster push', 'parseRosterPush')).to.equal(undefined);
    expect(result('forged block push', 'parseBlockPush')).to.equal(undefined);
    expect(result('forged carbon from someone else', 'unwrapCarbon')).to.equal(undefined);
    expect(result('forged carbon from our own full address', 'unwrapCarbon')).to.equal(undefined);
    expect(result('carbon of a carbon, 10,000 deep', 'unwrapCarbon')).to.equal(undefined);
    expect(result('carbon with two wrappers', 'unwrapCarbon')).to.equal(undefined);
    expect(result('archive result from a forged archive', 'parseMamResult')).to.equal(undefined);
    expect(result('archive result with the wrong query id and 10,000 forwards', 'parseMamResult')).to.equal(undefined);
    expect(result('unblock whose items are all invalid', 'parseBlockPush')).to.equal(undefined);
    expect(result('roster push 10,000 deep in a wrong namespace', 'parseRosterPush')).to.equal(undefined);
  });

  it('never lets a sender choose where a live message goes in the inbox', () => {
    const live = result('message with a forged delay from the past and the future', 'readMessage') as ReturnType<typeof readMessage>;
    expect(live!.chat!.time).to.equal(NOW);
    const archived = result('message with a forged delay from the past and the future', 'readArchived') as ReturnType<typeof readMessage>;
    expect(archived!.chat!.time).to.equal(Date.parse('2026-01-01T00:00:00Z'));
  });

  it('keeps texts whole and as text, and reads only what is in its namespace', () => {
    const big = result('message with a 1 MB body', 'parseChatMessage') as ReturnType<typeof parseChatMessage>;
    expect(big!.body).to.have.length(1_000_000);
    expect(result('message with body, delay and ids in wrong namespaces', 'parseChatMessage')).to.equal(undefined);
    const many = result('message with 10,000 bodies, stanza-ids and receipts', 'parseChatMessage') as ReturnType<typeof parseChatMessage>;
    expect(many!.body).to.equal('b0');
    const context = result('message with names that mean something to objects', 'parseVisitorContext') as Record<string, unknown>;
    expect(Object.getPrototypeOf(context)).to.equal(Object.prototype);
    expect(Object.keys(context).every((key) => typeof context[key] === 'string')).to.equal(true);
    const named = 'message with a 1 MB nick, a rating 10,000 deep and 10,000 rate requests';
    expect(result(named, 'parseNick')).to.equal('n'.repeat(NICK_LIMIT));
    expect(result(named, 'parseRating')).to.deep.equal({ score: 5, comment: 'x'.repeat(RATING_COMMENT_LIMIT), at: NOW });
    expect(result(named, 'parseRateRequest')).to.equal(true);
  });

  it('returns lists that are valid, without duplicates, and bounded where the format says so', () => {
    const roster = result('roster result with 10,000 items, duplicates and invalid addresses', 'parseRosterResult') as ReturnType<
      typeof parseRosterResult
    >;
    const jids = roster!.items.map((item) => item.jid);
    expect(new Set(jids).size).to.equal(jids.length);
    expect(jids.every((jid) => parseJid(jid) && !parseJid(jid)!.resource)).to.equal(true);
    expect(roster!.items.every((item) => ['none', 'to', 'from', 'both'].includes(item.subscription))).to.equal(true);
    const blocked = result('block list of 10,000 with invalid and 1 MB addresses', 'parseBlocklist') as string[];
    expect(new Set(blocked).size).to.equal(blocked.length);
    expect(blocked.every((jid) => parseJid(jid))).to.equal(true);
    const replies = result('canned replies: 10,000, duplicate ids, 1 MB texts, one 10,000 deep', 'parseReplies') as ReturnType<
      typeof parseReplies
    >;
    expect(replies!.length).to.be.at.most(REPLY_LIMITS.count);
    expect(new Set(replies!.map((r) => r.id)).size).to.equal(replies!.length);
    expect(replies!.every((r) => r.title.length <= REPLY_LIMITS.title && r.text.length <= REPLY_LIMITS.text)).to.equal(true);
    const presence = result('presence with 10,000 shows, statuses and priorities', 'parsePresence') as ReturnType<typeof parsePresence>;
    expect(presence!.show).to.equal('dnd');
    expect(presence!.priority).to.be.within(-128, 127);
    expect(result('presence of an unknown type from an invalid address', 'parsePresence')).to.equal(undefined);
  });

  it("reads every hostile stanza the same after a transport's bounded conversion, and reports the cut", () => {
    for (const { name, el } of hostileCorpus()) {
      const converted = fromPlainTree(el);
      const reports: string[] = [];
      takeIncoming(converted, { deliver: () => {}, unreadable: (error) => reports.push(error.name) });
      if (wasCut(converted)) expect(reports, name).to.deep.equal(['StanzaParseError']);
      for (const parse of Object.values(PARSERS)) expect(() => parse(converted), name).not.to.throw();
    }
    expect(wasCut(fromPlainTree(named('message with a 10,000-deep extension').el))).to.equal(true);
    expect(MAX_DEPTH).to.be.lessThan(1_000);
  });

  for (const { name, text } of HOSTILE_TEXTS) {
    it(`parses ${name} as XML or refuses it with a StanzaParseError`, () => {
      const started = performance.now();
      try {
        const el = parseXml(text);
        for (const parse of Object.values(PARSERS)) parse(el);
      } catch (error) {
        expect(error, name).to.be.instanceOf(StanzaParseError);
      }
      expect(performance.now() - started).to.be.lessThan(2_000);
    });
  }
});
