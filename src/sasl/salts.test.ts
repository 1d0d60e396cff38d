import { expect } from '@esm-bundle/chai';
import type { PreLoginStream } from '../prelogin-stream.ts';
import { childOf, textOf, xml, type XmlElement } from '../stanza/element.ts';
import { scramSaltsOn } from './salts.ts';

const NS_SASL = 'urn:ietf:params:xml:ns:xmpp-sasl';
const features = (...mechanisms: string[]) =>
  xml('stream:features', {}, xml('mechanisms', { xmlns: NS_SASL }, ...mechanisms.map((m) => xml('mechanism', {}, m))));

/** A server that answers each <auth> with a challenge carrying `salt()`, and each <abort/> with a failure. */
function fakeServer(offered: XmlElement, salt: (mechanism: string) => string) {
  const sent: string[] = [];
  const stream: PreLoginStream = {
    features: offered,
    async request(element) {
      sent.push(element.name === 'auth' ? `auth ${element.attrs.mechanism}` : element.name);
      if (element.name === 'abort') return xml('failure', { xmlns: NS_SASL }, xml('aborted'));
      const clientFirst = atob(textOf(element));
      const nonce = /r=([^,]+)/.exec(clientFirst)![1];
      return xml('challenge', { xmlns: NS_SASL }, btoa(`r=${nonce}server,s=${salt(element.attrs.mechanism)},i=4096`));
    },
    close() {},
  };
  return { stream, sent };
}

describe('scramSaltsOn', () => {
  it('reads the salt of each SCRAM mechanism offered, asking twice and aborting each time', async () => {
    const { stream, sent } = fakeServer(features('SCRAM-SHA-1', 'SCRAM-SHA-256', 'PLAIN'), (m) =>
      m === 'SCRAM-SHA-1' ? 'c2FsdDE=' : 'c2FsdDI=',
    );
    expect(await scramSaltsOn(stream, 'visitor-x')).to.deep.equal({
      'SCRAM-SHA-256': { salt: 'c2FsdDI=', iterations: 4096 },
      'SCRAM-SHA-1': { salt: 'c2FsdDE=', iterations: 4096 },
    });
    expect(sent).to.deep.equal([
      'auth SCRAM-SHA-256',
      'abort',
      'auth SCRAM-SHA-256',
      'abort',
      'auth SCRAM-SHA-1',
      'abort',
      'auth SCRAM-SHA-1',
      'abort',
    ]);
  });

  it('finds none where the server salts every login anew (passwords stored in clear)', async () => {
    let n = 0;
    const { stream } = fakeServer(features('SCRAM-SHA-256'), () => btoa(`salt ${n++}`));
    expect(await scramSaltsOn(stream, 'visitor-x')).to.deep.equal({});
  });

  it('finds none, and asks nothing, where the server offers PLAIN only', async () => {
    const { stream, sent } = fakeServer(features('PLAIN'), () => 'c2FsdA==');
    expect(await scramSaltsOn(stream, 'visitor-x')).to.deep.equal({});
    expect(sent).to.deep.equal([]);
    expect(childOf(stream.features!, 'mechanisms', NS_SASL)).to.not.equal(undefined);
  });
});
