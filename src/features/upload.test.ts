import { expect } from '@esm-bundle/chai';
import type { Client } from '../client.ts';
import { ConnectionError, StanzaError } from '../errors.ts';
import { parseXml } from '../stanza/dom.ts';
import { childOf, type XmlElement } from '../stanza/element.ts';
import { createUpload, UploadError } from './upload.ts';

const ITEMS = `<query xmlns='http://jabber.org/protocol/disco#items'><item jid='conference.example.org'/><item jid='upload.example.org'/></query>`;
const INFO = (limit?: number) =>
  `<query xmlns='http://jabber.org/protocol/disco#info'><identity category='store' type='file'/><feature var='urn:xmpp:http:upload:0'/>` +
  (limit === undefined
    ? ''
    : `<x xmlns='jabber:x:data' type='result'><field var='FORM_TYPE' type='hidden'><value>urn:xmpp:http:upload:0</value></field>` +
      `<field var='max-file-size'><value>${limit}</value></field></x>`) +
  `</query>`;
const MUC_INFO = `<query xmlns='http://jabber.org/protocol/disco#info'><feature var='http://jabber.org/protocol/muc'/></query>`;

type Answer = string | Error;

/** A client whose iq answers come from `answer(to, payload name)`, recording every request. */
function fakeClient(answer: (to: string, payload: string) => Answer) {
  const asked: XmlElement[] = [];
  let epoch = 1;
  const client = {
    get epoch() {
      return epoch;
    },
    iq: async (iq: XmlElement) => {
      asked.push(iq);
      const payload = (iq.children[0] as XmlElement).name;
      const reply = answer(
        iq.attrs.to,
        payload === 'query' ? (childOf(iq, 'query')!.attrs.xmlns.endsWith('items') ? 'items' : 'info') : payload,
      );
      if (reply instanceof Error) throw reply;
      return parseXml(`<iq xmlns='jabber:client' type='result' id='${iq.attrs.id}' from='${iq.attrs.to}'>${reply}</iq>`);
    },
  } as unknown as Client;
  return { client, asked, newSession: () => (epoch += 1) };
}

const server =
  (limit?: number, slot: Answer = new StanzaError('service-unavailable', 'This service is not available.')) =>
  (to: string, payload: string): Answer => {
    if (payload === 'items') return to === 'example.org' ? ITEMS : '';
    if (payload === 'info')
      return to === 'upload.example.org'
        ? INFO(limit)
        : to === 'conference.example.org'
          ? MUC_INFO
          : '<query xmlns="http://jabber.org/protocol/disco#info"/>';
    return slot;
  };

const file = (size: number, name = 'shot.png', type = 'image/png') => new File([new Uint8Array(size)], name, { type });

async function refusal(work: Promise<unknown>): Promise<UploadError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).to.be.instanceOf(UploadError);
  return error as UploadError;
}

describe('upload', () => {
  it("reads the limit from the service among the server's items, once per session", async () => {
    const fake = fakeClient(server(20 * 1024 * 1024));
    const upload = createUpload({ client: fake.client, domain: () => 'example.org' });
    expect(await upload.limit()).to.equal(20 * 1024 * 1024);
    const asked = fake.asked.length;
    expect(await upload.limit()).to.equal(20 * 1024 * 1024);
    expect(fake.asked.length, 'kept for the session').to.equal(asked);
    fake.newSession();
    await upload.limit();
    expect(fake.asked.length, 'asked again in a new session').to.equal(asked * 2);
  });

  it('knows no limit (Infinity) when the service states none, and undefined without a service', async () => {
    expect(await createUpload({ client: fakeClient(server()).client, domain: () => 'example.org' }).limit()).to.equal(Infinity);
    const none = fakeClient((_to, payload) => (payload === 'items' ? ITEMS.replace('upload.', 'pubsub.') : MUC_INFO));
    const upload = createUpload({ client: none.client, domain: () => 'example.org' });
    expect(await upload.limit()).to.equal(undefined);
    const error = await refusal(upload.upload(file(10)));
    expect(error.condition).to.equal('no-service');
    expect(error.message).to.equal('This chat server does not take files.');
  });

  it('asks again after a lookup lost to the connection', async () => {
    let down = true;
    const fake = fakeClient((to, payload) =>
      down ? new ConnectionError('closed', 'The connection was lost.') : server(1000)(to, payload),
    );
    const upload = createUpload({ client: fake.client, domain: () => 'example.org' });
    const error = await upload.limit().catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ConnectionError);
    down = false;
    expect(await upload.limit()).to.equal(1000);
  });

  it('refuses a file over the limit in words, before asking for a slot', async () => {
    const fake = fakeClient(server(20 * 1024 * 1024));
    const error = await refusal(createUpload({ client: fake.client, domain: () => 'example.org' }).upload(file(20 * 1024 * 1024 + 1)));
    expect(error.condition).to.equal('too-large');
    expect(error.name).to.equal('UploadError');
    expect(error.message).to.equal('This file (20.1 MB) is larger than the 20 MB the chat server takes.');
    expect(fake.asked.some((iq) => childOf(iq, 'request'))).to.equal(false);
  });

  const refusals: [string, StanzaError, UploadError['condition'], string][] = [
    [
      'too large',
      new StanzaError('not-acceptable', '', 'modify'),
      'too-large',
      'This file (0.1 MB) is larger than the 0.9 MB the chat server takes.',
    ],
    [
      'over quota',
      new StanzaError('resource-constraint', '', 'wait'),
      'refused',
      'You have uploaded as much as the chat server allows for now. Try again later.',
    ],
    ['not allowed', new StanzaError('not-allowed', '', 'cancel'), 'refused', 'The chat server does not let this account upload files.'],
    ['forbidden', new StanzaError('forbidden', '', 'auth'), 'refused', 'The chat server does not let this account upload files.'],
    [
      'anything else',
      new StanzaError('internal-server-error', 'The server had an internal problem handling the request.', 'cancel'),
      'failed',
      'The file could not be uploaded: the server had an internal problem handling the request.',
    ],
  ];
  for (const [what, stanzaError, condition, sentence] of refusals) {
    it(`explains a slot refused as ${what}`, async () => {
      const fake = fakeClient(server(1_000_000, stanzaError));
      const error = await refusal(createUpload({ client: fake.client, domain: () => 'example.org' }).upload(file(100_000)));
      expect([error.condition, error.message]).to.deep.equal([condition, sentence]);
      const request = childOf(fake.asked.at(-1)!, 'request')!;
      expect(request.attrs).to.deep.include({ filename: 'shot.png', size: '100000', 'content-type': 'image/png' });
    });
  }

  it('fails on a slot without usable URLs', async () => {
    const slot = `<slot xmlns='urn:xmpp:http:upload:0'><put url='javascript:alert(1)'/><get url='https://a.example/x'/></slot>`;
    const error = await refusal(
      createUpload({ client: fakeClient(server(1000, slot)).client, domain: () => 'example.org' }).upload(file(10)),
    );
    expect([error.condition, error.message]).to.deep.equal([
      'failed',
      'The file could not be uploaded: the chat server gave no usable address for it.',
    ]);
  });

  it('says what status the file server answered', async () => {
    // The test page's own server does not take PUTs.
    const url = new URL('/no-such-upload/shot.png', location.href).href;
    const slot = `<slot xmlns='urn:xmpp:http:upload:0'><put url='${url}'/><get url='${url}'/></slot>`;
    const error = await refusal(
      createUpload({ client: fakeClient(server(1000, slot)).client, domain: () => 'example.org' }).upload(file(10)),
    );
    expect(error.condition).to.equal('failed');
    expect(error.message).to.match(/^The file could not be uploaded: the file server answered 4\d\d \([A-Z][\w ]+\)\.$/);
  });

  it('is cancelled by an aborted signal, at once and while waiting for the server', async () => {
    const upload = createUpload({ client: fakeClient(server(1000)).client, domain: () => 'example.org' });
    const error = await refusal(upload.upload(file(10), { signal: AbortSignal.abort() }));
    expect([error.condition, error.message]).to.deep.equal(['aborted', 'The upload was cancelled.']);
    const silent = { epoch: 1, iq: () => new Promise(() => undefined) } as unknown as Client;
    const controller = new AbortController();
    const pending = createUpload({ client: silent, domain: () => 'example.org' }).upload(file(10), { signal: controller.signal });
    controller.abort();
    expect((await refusal(pending)).condition).to.equal('aborted');
  });

  it('fails in words when the connection is lost', async () => {
    const fake = fakeClient(() => new ConnectionError('closed', 'The connection was lost before the chat server answered.'));
    const error = await refusal(createUpload({ client: fake.client, domain: () => 'example.org' }).upload(file(10)));
    expect([error.condition, error.message]).to.deep.equal([
      'failed',
      'The file could not be uploaded. The connection was lost before the chat server answered.',
    ]);
    expect(error.cause).to.be.instanceOf(ConnectionError);
  });
});
