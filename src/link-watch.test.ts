import { expect } from '@esm-bundle/chai';
import { LinkWatch } from './link-watch.ts';
import type { XmlElement } from './stanza/element.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('LinkWatch', () => {
  it('drops a link whose ping goes unanswered', async () => {
    let drops = 0;
    const watch = new LinkWatch(
      { domain: 'example.org', pingIntervalMs: 10, pingTimeoutMs: 30 },
      () => new Promise<XmlElement>(() => {}),
      () => {
        drops += 1;
      },
    );
    watch.start();
    await sleep(80);
    watch.stop();
    expect(drops).to.equal(1);
  });

  it('forgets the unanswered ping of a stopped session: it does not cut the next one', async () => {
    let drops = 0;
    let answer = false;
    const watch = new LinkWatch(
      { domain: 'example.org', pingIntervalMs: 20, pingTimeoutMs: 60 },
      (ping) => (answer ? Promise.resolve(ping) : new Promise<XmlElement>(() => {})),
      () => {
        drops += 1;
      },
    );
    watch.start();
    await sleep(30); // the first session's ping is out, unanswered
    watch.stop();
    answer = true; // the next session's server answers
    watch.start();
    await sleep(90); // past the first ping's deadline
    watch.stop();
    expect(drops).to.equal(0);
  });

  it('pings only after a whole interval of silence, however much was heard before', async () => {
    const pings: number[] = [];
    const started = performance.now();
    const watch = new LinkWatch(
      { domain: 'example.org', pingIntervalMs: 60, pingTimeoutMs: 1000 },
      (ping) => {
        pings.push(performance.now() - started);
        return Promise.resolve(ping);
      },
      () => undefined,
    );
    watch.start();
    for (let i = 0; i < 10; i++) {
      await sleep(15);
      watch.heard(); // traffic for 150 ms: no ping
    }
    const lastHeard = performance.now() - started;
    expect(pings).to.deep.equal([]);
    await sleep(120);
    watch.stop();
    expect(pings).to.have.length(1);
    expect(pings[0]).to.be.within(lastHeard + 55, lastHeard + 110);
  });
});
