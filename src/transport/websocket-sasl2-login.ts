/**
 * The SASL2 login over WebSocket itself (see websocket-sasl2.ts), loaded only when a server offers
 * SASL2 with Bind 2: the exchange, the token kept, and xmpp.js's stream management told the outcome.
 */
import { xml, type XmlElement } from '../stanza/element.ts';
import { NS_SASL2, NS_SM, parseSasl2Offer } from '../stanza/sasl2.ts';
import { authenticateSasl2, issuedToken } from '../sasl/sasl2.ts';
import type { SessionOptions } from './transport.ts';
import { planSignIn, refused, sasl2Credentials, sasl2Mechanism, sasl2Request } from './sasl2-session.ts';
import type { Sasl2Deps } from './websocket-sasl2.ts';

/** Signs in on `element` (the offered `<authentication>`); `next` goes on to the older SASL. */
export async function signInWithSasl2<El>(
  options: SessionOptions,
  deps: Sasl2Deps<El>,
  element: El,
  next: () => Promise<void>,
): Promise<void> {
  const { entity, hooks } = deps;
  const offer = parseSasl2Offer(xml('features', {}, deps.toXml(element)));
  // Without Bind 2 the session would need more steps after SASL2: the older path does them all.
  if (options.sasl2 === false || !offer?.bind2) return next();
  const plan = await planSignIn(options, offer);
  const mechanism = await sasl2Mechanism(plan.mechanism);
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
}
