/**
 * What travels around OMEMO's ciphertext: OMEMO 2's XEP-0420 envelope (the body in `<content>`, with
 * `<rpad>`, `<time>`, `<to>` and `<from>` affixes), XEP-0380's `<encryption/>` marker, the store hint
 * (XEP-0334: servers archive a message whose body is only a fallback) Pure; the fallback body is
 * chat.ts's (messaging sends it without loading this).
 */
import { childOf, textOf, xml, type XmlElement } from './element.ts';
import { NS_OMEMO, type OmemoVersion } from './omemo.ts';

export const NS_SCE = 'urn:xmpp:sce:1';
const NS_EME = 'urn:xmpp:eme:0';
const NS_HINTS = 'urn:xmpp:hints';

export interface Envelope {
  body: string;
  from?: string;
  to?: string;
  /** ISO 8601. */
  time?: string;
}

/** The envelope for `body`; `rpad` is random padding (XEP-0420 §4: hides the length). */
export function buildEnvelope({ body, from, to, time }: Envelope, rpad: string): XmlElement {
  return xml(
    'envelope',
    { xmlns: NS_SCE },
    xml('content', {}, xml('body', { xmlns: 'jabber:client' }, body)),
    xml('rpad', {}, rpad),
    time && xml('time', { stamp: time }),
    to && xml('to', { jid: to }),
    from && xml('from', { jid: from }),
  );
}

/** The envelope's body and affixes; undefined when it is no envelope or has no body. */
export function parseEnvelope(el: XmlElement): Envelope | undefined {
  if (el.name !== 'envelope' || el.attrs.xmlns !== NS_SCE) return undefined;
  const body = childOf(childOf(el, 'content') ?? xml('none'), 'body');
  if (!body) return undefined;
  const from = childOf(el, 'from')?.attrs.jid;
  const to = childOf(el, 'to')?.attrs.jid;
  const time = childOf(el, 'time')?.attrs.stamp;
  return { body: textOf(body), ...(from ? { from } : {}), ...(to ? { to } : {}), ...(time ? { time } : {}) };
}

/** XEP-0380's marker naming the encryption, one per version a message carries. */
export const buildEme = (version: OmemoVersion) =>
  xml('encryption', { xmlns: NS_EME, namespace: NS_OMEMO[version], name: version === '0.3' ? 'OMEMO' : 'OMEMO 2' });

export const buildStoreHint = () => xml('store', { xmlns: NS_HINTS });

/** The encryption a message says it uses (XEP-0380), if any. */
export function parseEme(message: XmlElement): { namespace: string; name?: string } | undefined {
  const el = childOf(message, 'encryption', NS_EME);
  return el?.attrs.namespace ? { namespace: el.attrs.namespace, ...(el.attrs.name ? { name: el.attrs.name } : {}) } : undefined;
}
