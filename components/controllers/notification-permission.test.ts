import { expect } from '@esm-bundle/chai';
import { notificationPermission, watchPermission } from './notification-permission.ts';

/** A Notification stand-in that counts the reads of its permission (each one a round trip to the browser). */
function countingSource(value: NotificationPermission) {
  const source = {
    reads: 0,
    value,
    get permission() {
      source.reads++;
      return source.value;
    },
  };
  return source;
}

describe('notificationPermission', () => {
  it('reads the permission at most once a second', () => {
    const source = countingSource('default');
    for (let i = 0; i < 100; i++) expect(notificationPermission(source)).to.equal('default');
    expect(source.reads).to.equal(1);
  });

  it('where the browser tells of changes, reads it again only when it changes', async () => {
    const source = countingSource('default');
    const status = new EventTarget();
    watchPermission(source, { query: () => Promise.resolve(status as PermissionStatus) });
    await Promise.resolve();
    await Promise.resolve();
    expect(source.reads).to.equal(1);
    const realNow = performance.now.bind(performance);
    const later = realNow() + 60_000;
    performance.now = () => later; // a minute on: still no read
    try {
      for (let i = 0; i < 100; i++) expect(notificationPermission(source)).to.equal('default');
      expect(source.reads).to.equal(1);
      source.value = 'granted';
      status.dispatchEvent(new Event('change'));
      expect(notificationPermission(source)).to.equal('granted');
      expect(source.reads).to.equal(2);
    } finally {
      performance.now = realNow;
    }
  });
});
