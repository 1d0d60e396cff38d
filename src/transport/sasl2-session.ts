/** What both transports send with a SASL2 login: the credentials for the chosen mechanism, and who we are. */
import type { Sasl2Plan } from '../sasl/sasl2.ts';
import type { SessionOptions } from './transport.ts';

/** The token stands in for the password when signing in with it. */
export function sasl2Credentials(options: SessionOptions, plan: Sasl2Plan) {
  return {
    username: options.username,
    password: plan.token ? plan.token.token : options.password,
    scramKeys: plan.token ? undefined : options.scramKeys,
  };
}

/** Names for pages that keep no token: a new id for each, as nothing is bound to it. */
const pageAgentId = crypto.randomUUID();

/** XEP-0388's user agent: the device's id (its FAST tokens are bound to it) and the software. */
export function userAgentOf(options: SessionOptions): { id: string; software: string } {
  return { id: options.fast?.agentId ?? pageAgentId, software: 'xmpp-chat' };
}
