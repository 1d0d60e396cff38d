/**
 * SASL2 with Bind 2 over the WebSocket transport: a stream feature for xmpp.js's middleware, run
 * before its SASL one, that signs in (src/sasl/sasl2.ts), binds a resource and enables — or
 * resumes — stream management in one round trip. xmpp.js's stream management keeps the counts: its
 * inline hooks are told what the server answered, as its own SASL2 package would. The login's code
 * (websocket-sasl2-login.ts) loads only when a server offers SASL2 with Bind 2.
 */
import { childOf, type XmlElement } from '../stanza/element.ts';
import type { SessionOptions } from './transport.ts';

const NS_SASL2 = 'urn:xmpp:sasl:2';

/** The parts of xmpp.js this needs, as the adapter sees them. */
export interface Sasl2Deps<El> {
  entity: {
    on(event: 'nonza', listener: (el: El) => void): void;
    off(event: 'nonza', listener: (el: El) => void): void;
    send(el: El): Promise<void>;
    _jid(jid: string): unknown;
    _ready(resumed: boolean): void;
  };
  streamFeatures: { use(name: string, xmlns: string, handler: (ctx: unknown, next: () => Promise<void>, el: El) => Promise<void>): void };
  /** xmpp.js stream management: its session id and count of handled stanzas. */
  sm: { id: string; inbound: number };
  /** xmpp.js's inline hooks: `<enabled>`/`<failed>` from Bind 2, `<resumed>`/`<failed>` from SASL2. */
  hooks: { bound?(el: El): unknown; resumed?(el: El): unknown };
  toXml(el: El): XmlElement;
  fromXml(el: XmlElement): El;
  /** After success: how this session signed in, and the features Bind 2 offered with it. */
  authenticated(how: { mechanism: string; features: string[] }): void;
}

export function useSasl2<El>(options: SessionOptions, deps: Sasl2Deps<El>): void {
  deps.streamFeatures.use('authentication', NS_SASL2, async (_ctx, next, element) => {
    // Without Bind 2 the session would need more steps after SASL2: the older path does them all.
    const inline = childOf(deps.toXml(element), 'inline');
    if (options.sasl2 === false || !inline || !childOf(inline, 'bind', 'urn:xmpp:bind:0')) return next();
    const { signInWithSasl2 } = await import('./websocket-sasl2-login.ts');
    return signInWithSasl2(options, deps, element, next);
  });
}
