/**
 * Over BOSH a page's two requests travel on two HTTP connections, so the newer can reach the server
 * first. ejabberd then holds the older (an empty poll) and never takes in the newer: its stanzas
 * are lost and the session stalls. The transport must not let a request with stanzas overtake the
 * poll sent just before it. Here a ping goes out in the same moment as each empty poll, many times
 * over: every ping is answered within 2 s, and the session is never lost.
 */
import { expect } from '@esm-bundle/chai';
import { xml } from '../../src/index.ts';
import { closeChats, device } from './chat-helpers.ts';
import { SERVERS, freshAccount, proxy, serviceUrl, until } from './servers.ts';

const ROUNDS = 30;
const POLL_DELAY_MS = 25;

/** Calls `hook` right after the page sends an empty BOSH request (a poll). */
function afterEachPoll(hook: () => void): () => void {
  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.send = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
    send.call(this, body);
    if (typeof body === 'string' && /^<body[^>]*\/>$/.test(body.trim())) hook();
  };
  return () => {
    XMLHttpRequest.prototype.send = send;
  };
}

for (const server of ['ejabberd', 'prosody'] as const) {
  describe(`a request with stanzas right behind a poll, ${server} over bosh`, function () {
    this.timeout(120_000);
    afterEach(closeChats);

    it('is taken in every time, and the session lasts', async () => {
      const name = await freshAccount('bosh-order', SERVERS[server].httpPort);
      const port = await proxy.start(SERVERS[server].httpPort);
      after(() => proxy.stop(port));
      const chat = device(name, serviceUrl('bosh', port));
      const { client } = chat;
      let lost = 0;
      client.on('status', ({ status }) => {
        if (status !== 'connected') lost++;
      });
      await chat.connect();
      lost = 0;
      // The poll takes a little longer than the request behind it, as on two connections of which one is slower.
      await proxy.delayPolls(port, POLL_DELAY_MS);
      let armed: (() => void) | undefined;
      const restore = afterEachPoll(() => {
        const fire = armed;
        armed = undefined;
        fire?.();
      });
      try {
        const slow: number[] = [];
        let raced = 0;
        for (let round = 0; round < ROUNDS; round++) {
          let started = 0;
          const answered = new Promise<void>((resolve, reject) => {
            const ping = () => {
              started = performance.now();
              client.iq(xml('iq', { type: 'get', to: 'localhost' }, xml('ping', { xmlns: 'urn:xmpp:ping' }))).then(() => resolve(), reject);
            };
            const mine = () => {
              raced++;
              ping();
            };
            armed = mine;
            // No poll goes out while one is held: then the ping goes out on its own.
            setTimeout(() => {
              if (armed !== mine) return;
              armed = undefined;
              ping();
            }, 300);
          });
          const timedOut = new Promise<void>((resolve) => setTimeout(resolve, 10_000));
          await Promise.race([answered, timedOut]);
          armed = undefined;
          const took = performance.now() - started;
          if (took > 2000) slow.push(round);
        }
        expect(raced, 'pings sent right behind a poll').to.be.greaterThan(0);
        expect(slow, 'rounds whose ping took over 2 s').to.deep.equal([]);
        expect(lost, 'sessions lost').to.equal(0);
      } finally {
        restore();
      }
      await until(() => client.status === 'connected', 'still connected');
    });
  });
}
