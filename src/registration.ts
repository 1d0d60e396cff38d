/**
 * In-band registration (XEP-0077) of a new account before any login: a short stream of its own
 * (prelogin-stream.ts) that asks the server's stream features for registration and sends one request.
 */
import { XmppChatError } from './errors.ts';
import { openPreLoginStream, type PreLoginEndpoint, type PreLoginStream } from './prelogin-stream.ts';
import { describeStanzaError, parseStanzaError } from './stanza/conditions.ts';
import { childOf, xml } from './stanza/element.ts';

const NS_FEATURE = 'http://jabber.org/features/iq-register';

/** Registration failed; `condition` is the server's stanza error, or `not-offered`. */
export class RegistrationError extends XmppChatError {
  override readonly name = 'RegistrationError';
  constructor(
    readonly condition: string,
    message: string,
  ) {
    super(message);
  }
}

export interface Registration extends PreLoginEndpoint {
  username: string;
  password: string;
}

/**
 * Registers `username@domain`; rejects with RegistrationError or ConnectionError. `registered` runs
 * on the same stream once the account exists, before it closes.
 */
export async function registerAccount(registration: Registration, registered?: (stream: PreLoginStream) => Promise<void>): Promise<void> {
  const { domain, username, password } = registration;
  const request = xml(
    'iq',
    { xmlns: 'jabber:client', type: 'set', id: 'register', to: domain },
    xml('query', { xmlns: 'jabber:iq:register' }, xml('username', {}, username), xml('password', {}, password)),
  );
  const stream = await openPreLoginStream(registration);
  try {
    if (!stream.features || !childOf(stream.features, 'register', NS_FEATURE)) {
      throw new RegistrationError('not-offered', `${domain} does not offer in-band registration.`);
    }
    const answer = await stream.request(request, (el) => el.name === 'iq' && el.attrs.id === request.attrs.id);
    if (answer.attrs.type === 'result') return await registered?.(stream);
    const error = parseStanzaError(answer);
    const condition = error?.condition ?? 'undefined-condition';
    throw new RegistrationError(
      condition,
      `The server did not register the account: ${error?.text ?? (await describeStanzaError(condition))}`,
    );
  } finally {
    stream.close();
  }
}
