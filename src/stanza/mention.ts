/** Mentions in a room: a body that names our nickname, or a XEP-0372 reference to our occupant address. Pure. */
import { childrenOf, type XmlElement } from './element.ts';

/** Whether a text names `nick` as a word of its own (not inside another word), ignoring case. */
export function namesNick(body: string, nick: string | undefined): boolean {
  if (!nick?.trim()) return false;
  const text = body.toLocaleLowerCase();
  const name = nick.trim().toLocaleLowerCase();
  const word = /[\p{L}\p{N}_]/u;
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    const before = text[at - 1];
    const after = text[at + name.length];
    if ((before === undefined || !word.test(before)) && (after === undefined || !word.test(after))) return true;
  }
  return false;
}

/** Whether a message carries a XEP-0372 mention of `uri` (e.g. `xmpp:room@service/nick`). */
export function referencesUri(el: XmlElement, uri: string): boolean {
  return childrenOf(el, 'reference', 'urn:xmpp:reference:0').some((r) => r.attrs.type === 'mention' && r.attrs.uri === uri);
}
