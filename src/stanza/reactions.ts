/**
 * Reactions (XEP-0444). Each reaction message carries the sender's whole current set of emoji for
 * one message, so the newest replaces the last; an empty set takes them all back:
 *
 *   <message type='chat' …><reactions xmlns='urn:xmpp:reactions:0' id='744f…'>
 *     <reaction>👋</reaction><reaction>🐢</reaction></reactions>
 *     <store xmlns='urn:xmpp:hints'/><origin-id xmlns='urn:xmpp:sid:0' id='…'/></message>
 *
 * The store hint matters: servers archive messages without a body only with it (XEP-0334).
 */
import { childrenOf, textOf, xml, type XmlElement } from './element.ts';

const NS_CLIENT = 'jabber:client';
const NS_REACTIONS = 'urn:xmpp:reactions:0';
const NS_HINTS = 'urn:xmpp:hints';
const NS_SID = 'urn:xmpp:sid:0';

/** Most emoji kept per person and message, longest emoji (in UTF-16 units), longest message id. */
export const REACTION_LIMITS = { count: 20, length: 32, id: 256 } as const;
// eslint-disable-next-line no-control-regex -- control characters are what this finds
const NOT_EMOJI = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\s]/u;

/** Trimmed, empty and duplicate ones dropped, and so are ones too long or holding spaces or control characters; at most the limit. */
export function cleanEmojis(emojis: readonly string[]): string[] {
  const kept = new Set<string>();
  for (const raw of emojis) {
    const emoji = raw.trim();
    if (emoji && emoji.length <= REACTION_LIMITS.length && !NOT_EMOJI.test(emoji)) kept.add(emoji);
    if (kept.size === REACTION_LIMITS.count) break;
  }
  return [...kept];
}

/**
 * The reactions a message carries: the id of the message reacted to and the sender's emoji for it
 * (an empty list: all taken back). Undefined for messages without exactly one `<reactions>` element
 * with a usable id, and for errors, which echo our own.
 */
export function parseReactions(el: XmlElement): { id: string; emojis: string[] } | undefined {
  if (el.name !== 'message' || el.attrs.type === 'error') return undefined;
  const found = childrenOf(el, 'reactions', NS_REACTIONS);
  // XEP-0444 §5: never more than one; two would leave the current set in doubt.
  if (found.length !== 1) return undefined;
  const [reactions] = found;
  const id = reactions.attrs.id;
  if (!id || id.length > REACTION_LIMITS.id) return undefined;
  const texts = childrenOf(reactions, 'reaction')
    .filter((r) => r.attrs.xmlns === undefined || r.attrs.xmlns === NS_REACTIONS)
    .map(textOf);
  return { id, emojis: cleanEmojis(texts) };
}

/** What `buildReactions` needs. */
export interface ReactionsInit {
  /** The peer. */
  to: string;
  /** The id of the message reacted to (its `sid ?? key`). */
  id: string;
  /** Our whole new set for that message; empty takes all of ours back. */
  emojis: readonly string[];
  /** This reaction message's own id, used as its origin-id too. */
  messageId: string;
}

/** A chat message with our reactions to one message, hinted to be archived. */
export function buildReactions({ to, id, emojis, messageId }: ReactionsInit): XmlElement {
  return xml(
    'message',
    { xmlns: NS_CLIENT, to, id: messageId, type: 'chat' },
    xml(
      'reactions',
      { xmlns: NS_REACTIONS, id },
      cleanEmojis(emojis).map((emoji) => xml('reaction', {}, emoji)),
    ),
    xml('store', { xmlns: NS_HINTS }),
    xml('origin-id', { xmlns: NS_SID, id: messageId }),
  );
}
