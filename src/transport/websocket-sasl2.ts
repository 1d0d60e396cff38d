/**
 * SASL2 with Bind 2 over the WebSocket transport: a stream feature for xmpp.js's middleware, run
 * before its SASL one, that signs in (src/sasl/sasl2.ts), binds a resource and enables — or
 * resumes — stream management in one round trip. xmpp.js's stream management keeps the counts: its
 * inline hooks are told what the server answered, as its own SASL2 package would.
 */
import { xml, type XmlElement } from '../stanza/element.ts';
import { NS_SASL2, NS_SM, parseSasl2Offer } from '../stanza/sasl2.ts';
import { authenticateSasl2, issuedToken, type Sasl2Mechanism } from '../sasl/sasl2.ts';
import type { SessionOptions } from './transport.ts';
import { planSignIn, refused, sasl2Credentials, sasl2Request } from './sasl2-session.ts';

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
  mechanism(name: string): Promise<Sasl2Mechanism>;
  /** After success: how this session signed in, and the features Bind 2 offered with it. */
  authenticated(how: { mechanism: string; features: string[] }): void;
}

export function useSasl2<El>(options: SessionOptions, deps: Sasl2Deps<El>): void {
  const { entity, hooks } = deps;
  deps.streamFeatures.use('authentication', NS_SASL2, async (_ctx, next, element) => {
    const offer = parseSasl2Offer(xml('features', {}, deps.toXml(element)));
    // Without Bind 2 the session would need more steps after SASL2: the older path does them all.
    if (options.sasl2 === false || !offer?.bind2) return next();
    const plan = await planSignIn(options, offer);
    const mechanism = await deps.mechanism(plan.mechanism);
    const queue: XmlElement[] = [];
    let waiting: ((el: XmlElement) => void) | undefined;
    const onNonza = (el: El) => {
      const read = deps.toXml(el);
      if (read.attrs.xmlns !== NS_SASL2) return;
      if (waiting) waiting(read);
      else queue.push(read);
    };
    entity.on('nonza', onNonza);
    try {
      const { sm } = deps; // read now: xmpp.js creates it after this feature is registered
      const resume = sm.id ? { previd: sm.id, h: sm.inbound } : undefined;
      const success = await authenticateSasl2(
        {
          send: (el) => void entity.send(deps.fromXml(el)).catch(() => undefined), // a lost link fails the wait instead
          next: () => {
            const first = queue.shift();
            return first ? Promise.resolve(first) : new Promise((resolve) => (waiting = resolve));
          },
        },
        mechanism,
        sasl2Credentials(options, plan),
        sasl2Request(options, plan, { enableSm: offer.bind2.includes(NS_SM), resume }),
      ).catch((error: unknown) => refused(error, plan, options.fast));
      const kept = issuedToken(success, plan);
      if (kept) await options.fast?.save(kept);
      deps.authenticated({ mechanism: plan.mechanism, features: offer.bind2 });
      entity._jid(success.jid);
      if (success.resumed) {
        hooks.resumed?.(deps.fromXml(xml('resumed', { xmlns: NS_SM, h: String(success.resumed.h) })));
        return; // xmpp.js reports the session resumed, and online
      }
      if (success.resumeFailed) hooks.resumed?.(deps.fromXml(xml('failed', { xmlns: NS_SM })));
      const smAnswer = success.bound?.sm;
      if (smAnswer === 'failed') hooks.bound?.(deps.fromXml(xml('failed', { xmlns: NS_SM })));
      else if (smAnswer) {
        const { id, resume: resumable, max } = smAnswer;
        const attrs = { xmlns: NS_SM, id: resumable ? id : undefined, resume: String(resumable), max: max ? String(max) : undefined };
        hooks.bound?.(deps.fromXml(xml('enabled', attrs)));
      }
      entity._ready(false);
    } finally {
      entity.off('nonza', onNonza);
    }
  });
}
