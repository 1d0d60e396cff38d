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
});
