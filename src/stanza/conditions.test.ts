import { expect } from '@esm-bundle/chai';
import {
  describeAuthFailure,
  describeStanzaError,
  describeStreamError,
  parseSaslFailure,
  parseStanzaError,
  parseStreamError,
} from './conditions.ts';
import { parseXml } from './dom.ts';
import { xml } from './element.ts';

const NS_SASL = 'urn:ietf:params:xml:ns:xmpp-sasl';
const NS_STREAMS = 'urn:ietf:params:xml:ns:xmpp-streams';
const NS_STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas';

const SASL_CONDITIONS = [
  'aborted',
  'account-disabled',
  'credentials-expired',
  'encryption-required',
  'incorrect-encoding',
  'invalid-authzid',
  'invalid-mechanism',
  'malformed-request',
  'mechanism-too-weak',
  'not-authorized',
  'temporary-auth-failure',
];
const STREAM_CONDITIONS = [
  'bad-format',
  'bad-namespace-prefix',
  'conflict',
  'connection-timeout',
  'host-gone',
  'host-unknown',
  'improper-addressing',
  'internal-server-error',
  'invalid-from',
  'invalid-namespace',
  'invalid-xml',
  'not-authorized',
  'not-well-formed',
  'policy-violation',
  'remote-connection-failed',
  'reset',
  'resource-constraint',
  'restricted-xml',
  'see-other-host',
  'system-shutdown',
  'undefined-condition',
  'unsupported-encoding',
  'unsupported-feature',
  'unsupported-stanza-type',
  'unsupported-version',
];
const STANZA_CONDITIONS = [
  'bad-request',
  'conflict',
  'feature-not-implemented',
  'forbidden',
  'gone',
  'internal-server-error',
  'item-not-found',
  'jid-malformed',
  'not-acceptable',
  'not-allowed',
  'not-authorized',
  'policy-violation',
  'recipient-unavailable',
  'redirect',
  'registration-required',
  'remote-server-not-found',
  'remote-server-timeout',
  'resource-constraint',
  'service-unavailable',
  'subscription-required',
  'undefined-condition',
  'unexpected-request',
];

describe('parseSaslFailure', () => {
  it('reads a Prosody failure with text', () => {
    const el = parseXml(
      `<failure xmlns='${NS_SASL}'><not-authorized/><text xml:lang='en'>Unable to authorize you with the authentication credentials you\u2019ve sent.</text></failure>`,
    );
    expect(parseSaslFailure(el)).to.deep.equal({
      condition: 'not-authorized',
      text: 'Unable to authorize you with the authentication credentials you\u2019ve sent.',
    });
  });

  it('reads a condition listed after the text, and an ejabberd failure without text', () => {
    expect(parseSaslFailure(parseXml(`<failure xmlns='${NS_SASL}'><text>Disabled</text><account-disabled/></failure>`))).to.deep.equal({
      condition: 'account-disabled',
      text: 'Disabled',
    });
    expect(parseSaslFailure(parseXml(`<failure xmlns='${NS_SASL}'><temporary-auth-failure/></failure>`))).to.deep.equal({
      condition: 'temporary-auth-failure',
    });
  });

  it('falls back to not-authorized, and ignores children in other namespaces', () => {
    expect(parseSaslFailure(xml('failure', { xmlns: NS_SASL }))).to.deep.equal({ condition: 'not-authorized' });
    expect(parseSaslFailure(xml('failure', { xmlns: NS_SASL }, xml('evil', { xmlns: 'urn:x' }), 'junk'))).to.deep.equal({
      condition: 'not-authorized',
    });
  });

  it('returns undefined for anything that is not a SASL failure', () => {
    expect(parseSaslFailure(xml('failure', { xmlns: 'urn:xmpp:sm:3' }, xml('item-not-found', { xmlns: NS_STANZAS })))).to.equal(undefined);
    expect(parseSaslFailure(xml('success', { xmlns: NS_SASL }))).to.equal(undefined);
    expect(parseSaslFailure(xml('failure'))).to.equal(undefined);
  });
});

describe('parseStreamError', () => {
  it('reads a prefixed stream error with text', () => {
    const el = parseXml(
      `<stream:error xmlns:stream='http://etherx.jabber.org/streams'><conflict xmlns='${NS_STREAMS}'/>` +
        `<text xmlns='${NS_STREAMS}'>Replaced by new connection</text></stream:error>`,
    );
    expect(parseStreamError(el)).to.deep.equal({ condition: 'conflict', text: 'Replaced by new connection' });
  });

  it('reads an unprefixed error in the streams namespace, and one with an unknown condition', () => {
    expect(
      parseStreamError(xml('error', { xmlns: 'http://etherx.jabber.org/streams' }, xml('system-shutdown', { xmlns: NS_STREAMS }))),
    ).to.deep.equal({ condition: 'system-shutdown' });
    expect(parseStreamError(xml('stream:error', {}, xml('made-up', { xmlns: 'urn:x' })))).to.deep.equal({
      condition: 'undefined-condition',
    });
  });

  it('returns undefined for stanza errors and other elements', () => {
    expect(parseStreamError(xml('error', { type: 'cancel' }, xml('item-not-found', { xmlns: NS_STANZAS })))).to.equal(undefined);
    expect(parseStreamError(xml('message'))).to.equal(undefined);
  });
});

describe('parseStanzaError', () => {
  it('reads an iq error as Prosody sends it', () => {
    const iq = parseXml(
      `<iq xmlns='jabber:client' type='error' id='x1' from='example.org'><query xmlns='jabber:iq:version'/>` +
        `<error type='cancel' by='example.org'><service-unavailable xmlns='${NS_STANZAS}'/>` +
        `<text xmlns='${NS_STANZAS}'>No such service</text></error></iq>`,
    );
    expect(parseStanzaError(iq)).to.deep.equal({ type: 'cancel', condition: 'service-unavailable', text: 'No such service' });
  });

  it('defaults the type and the condition', () => {
    const message = xml(
      'message',
      { type: 'error' },
      xml('error', {}, xml('text', { xmlns: NS_STANZAS }, 'why'), xml('x', { xmlns: 'urn:app' })),
    );
    expect(parseStanzaError(message)).to.deep.equal({ type: 'cancel', condition: 'undefined-condition', text: 'why' });
    expect(
      parseStanzaError(xml('presence', { type: 'error' }, xml('error', { type: 'auth' }, xml('forbidden', { xmlns: NS_STANZAS })))),
    ).to.deep.equal({ type: 'auth', condition: 'forbidden' });
  });

  it('returns undefined without an error child', () => {
    expect(parseStanzaError(xml('iq', { type: 'error' }))).to.equal(undefined);
    expect(parseStanzaError(xml('iq', { type: 'error' }, xml('error', { xmlns: 'urn:other' })))).to.equal(undefined);
  });
});

describe('describe…', () => {
  it('explains every RFC 6120 condition in its own sentence, not the generic fallback', async () => {
    const tables: [string[], (c: string) => Promise<string>][] = [
      [SASL_CONDITIONS, describeAuthFailure],
      [STREAM_CONDITIONS, describeStreamError],
      [STANZA_CONDITIONS, describeStanzaError],
    ];
    for (const [conditions, describe] of tables) {
      const texts = await Promise.all(conditions.map(describe));
      for (const [i, text] of texts.entries()) {
        expect(text, conditions[i]).to.match(/^[A-Z].*\.$/);
        expect(text, conditions[i]).not.to.contain(`(${conditions[i]})`);
      }
      expect(new Set(texts).size).to.equal(conditions.length);
    }
  });

  it('mentions the password for a refused login', async () => {
    expect(await describeAuthFailure('not-authorized')).to.match(/password/);
  });

  it('names an unknown condition', async () => {
    expect(await describeAuthFailure('x-odd')).to.contain('x-odd');
    expect(await describeStreamError('x-odd')).to.contain('x-odd');
    expect(await describeStanzaError('x-odd')).to.contain('x-odd');
    expect(await describeStanzaError('__proto__')).to.contain('__proto__');
    expect(await describeStreamError('toString')).to.contain('toString');
  });
});
