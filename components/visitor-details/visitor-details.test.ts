import { expect } from '@esm-bundle/chai';
import axe from 'axe-core';
import './visitor-details.ts';
import { browserOf, type XmppChatVisitorDetails } from './visitor-details.ts';
import { mount as mountElement, unmountAll } from '../test-fixtures.ts';
import { xml, type Client, type VisitorContext, type XmlElement } from '../../src/index.ts';
import type { VerificationResult, VisitorVerification } from '../../src/desk.ts';

afterEach(unmountAll);

const mount = (props: Partial<XmppChatVisitorDetails> = {}) => mountElement<XmppChatVisitorDetails>('xmpp-chat-visitor-details', props);
const rows = (el: XmppChatVisitorDetails) =>
  [...el.shadowRoot!.querySelectorAll('.row')].map((row) => [
    row.querySelector('dt')!.textContent,
    row.querySelector('dd')!.textContent.trim(),
  ]);
/** Each row's label and its trust label, by part. */
const trust = (el: XmppChatVisitorDetails) =>
  [...el.shadowRoot!.querySelectorAll('.row')].map(
    (row) => `${row.querySelector('dt')!.textContent}: ${row.querySelector('.trust')!.getAttribute('part')}`,
  );
const part = (el: XmppChatVisitorDetails, name: string) => el.shadowRoot!.querySelector(`[part~="${name}"]`);

/** A verification that answers what the test says, and tells the element when it changes. */
function fakeVerification(answer: (context: VisitorContext | undefined) => VerificationResult | Promise<VerificationResult>) {
  const listeners = new Set<() => void>();
  let calls = 0;
  const verification = {
    verify: (context: VisitorContext | undefined) => {
      calls++;
      return Promise.resolve(answer(context));
    },
    hasSecret: () => Promise.resolve(true),
    setSecret: () => Promise.resolve(),
    removeSecret: () => Promise.resolve(),
    on: (_type: string, listener: () => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  } as unknown as VisitorVerification;
  return { verification, changed: () => listeners.forEach((l) => l()), calls: () => calls, listeners };
}
async function waitUntil(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !condition(); i++) await new Promise((r) => setTimeout(r, 20));
  expect(condition()).to.equal(true);
}
const settled = async (el: XmppChatVisitorDetails) => {
  await new Promise((r) => setTimeout(r));
  await el.updateComplete;
};
const SIGNED = { userId: '42', name: 'Ada', email: 'ada@example.org', signature: 'ab'.repeat(32), page: 'https://shop.example/cart' };
const UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

describe('xmpp-chat-visitor-details', () => {
  it('tells who the visitor is and where they write from', async () => {
    const el = await mount({
      now: Date.UTC(2026, 10, 26, 12, 5),
      context: {
        name: 'Ada',
        email: 'ada@example.org',
        page: 'https://shop.example/cart',
        pageTitle: 'Your cart',
        referrer: 'https://search.example/?q=tea',
        language: 'de-DE',
        timeZone: 'Europe/Berlin',
        userAgent: UA,
      },
    });
    expect(rows(el)).to.deep.equal([
      ['Name', 'Ada'],
      ['Email', 'ada@example.org'],
      ['Page', 'Your cart'],
      ['Came from', 'https://search.example/?q=tea'],
      ['Language', 'German (Germany)'],
      ['Local time', '1:05 PM (Europe/Berlin)'],
      ['Browser', 'Chrome · Windows'],
    ]);
    expect(
      trust(el).every((row) => row.endsWith(': unverified')),
      'anyone can send anything',
    ).to.equal(true);
    const page = el.shadowRoot!.querySelector<HTMLAnchorElement>('a[href="https://shop.example/cart"]')!;
    expect(page.rel).to.equal('noopener noreferrer');
    expect(page.target).to.equal('_blank');
    expect(el.shadowRoot!.querySelector('a[href="mailto:ada@example.org"]')).to.not.equal(null);
    const results = await axe.run(el, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa'] });
    expect(results.violations.map((v) => v.id)).to.deep.equal([]);
  });

  it('shows hostile values as text, links only web addresses, and survives unknown zones and tags', async () => {
    const el = await mount({
      context: {
        name: '<img src=x onerror=alert(1)>',
        page: 'javascript:alert(1)',
        referrer: 'data:text/html,hi',
        timeZone: 'Mars/Olympus',
        language: '%%',
      },
    });
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect(el.shadowRoot!.querySelectorAll('a')).to.have.length(0);
    expect(rows(el)).to.deep.equal([
      ['Name', '<img src=x onerror=alert(1)>'],
      ['Page', 'javascript:alert(1)'],
      ['Came from', 'data:text/html,hi'],
      ['Language', '%%'],
      ['Local time', 'Mars/Olympus'],
    ]);
  });

  it('shows a signed name and email as verified, with the user id, when the signature checks out', async () => {
    const fake = fakeVerification((c) => (c?.signature ? 'verified' : 'unsigned'));
    const el = await mount({ context: SIGNED, verification: fake.verification });
    await settled(el);
    expect(part(el, 'verified')!.textContent).to.equal('Verified · user 42');
    expect(part(el, 'forged')).to.equal(null);
    expect(trust(el)).to.deep.equal(['Name: verified-field', 'Email: verified-field', 'Page: unverified']);
    const results = await axe.run(el, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa'] });
    expect(results.violations.map((v) => v.id)).to.deep.equal([]);
  });

  it('warns when the signature does not match, and labels everything unverified', async () => {
    const fake = fakeVerification(() => 'forged');
    const el = await mount({ context: SIGNED, verification: fake.verification });
    await settled(el);
    expect(part(el, 'forged')!.textContent).to.include('Signature does not match');
    expect(part(el, 'verified')).to.equal(null);
    expect(rows(el)).to.deep.include(['User ID', '42']);
    expect(trust(el).every((row) => row.endsWith(': unverified'))).to.equal(true);
    const results = await axe.run(el, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa'] });
    expect(results.violations.map((v) => v.id)).to.deep.equal([]);
  });

  it('labels an unsigned or unchecked visitor unverified, and offers the secret form when none is set', async () => {
    const fake = fakeVerification(() => 'no-secret');
    const el = await mount({ context: SIGNED, verification: fake.verification });
    await settled(el);
    expect(el.shadowRoot!.textContent).to.include('no secret is set here');
    expect(el.shadowRoot!.querySelector('details')!.open).to.equal(true);
    expect(el.shadowRoot!.querySelector('xmpp-chat-desk-settings')!.verification).to.equal(fake.verification);
    expect(trust(el).every((row) => row.endsWith(': unverified'))).to.equal(true);
    const without = await mount({ context: SIGNED });
    expect(part(without, 'verified')).to.equal(null);
    expect(without.shadowRoot!.querySelector('xmpp-chat-desk-settings')).to.equal(null);
    expect(trust(without).every((row) => row.endsWith(': unverified'))).to.equal(true);
  });

  it('checks again when the context or the secret changes, showing only the newest answer', async () => {
    let answer: VerificationResult = 'forged';
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    const fake = fakeVerification(async (c) => {
      if (c?.name === 'Slow') await slow;
      return c?.name === 'Slow' ? 'verified' : answer;
    });
    const el = await mount({ context: { ...SIGNED, name: 'Slow' }, verification: fake.verification });
    el.context = SIGNED;
    await settled(el);
    expect(part(el, 'forged')).to.not.equal(null);
    release();
    await settled(el);
    expect(part(el, 'verified'), 'a late answer for an older context').to.equal(null);
    answer = 'verified';
    fake.changed();
    await settled(el);
    expect(part(el, 'verified')).to.not.equal(null);
    el.remove();
    expect(fake.listeners.size, 'stops listening once removed').to.equal(0);
  });

  it('says when the signature could not be checked, and shows nothing as verified', async () => {
    const fake = fakeVerification(() => Promise.reject(new Error('The chat server did not answer.')));
    const el = await mount({ context: SIGNED, verification: fake.verification });
    await settled(el);
    expect(el.shadowRoot!.textContent).to.include('The signature could not be checked: The chat server did not answer.');
    expect(part(el, 'verified-field')).to.equal(null);
  });

  it("checks with the connection's own verification, reading the secret from private storage", async () => {
    const asked: string[] = [];
    const client = {
      on: () => () => undefined,
      iq: (iq: XmlElement) => {
        asked.push(iq.attrs.type);
        const secret = xml('password', {}, 'correct horse battery staple');
        const stored = xml('verification', { xmlns: 'urn:xmpp-chat:visitor-verification:0' }, secret);
        return Promise.resolve(xml('iq', { type: 'result' }, xml('query', { xmlns: 'jabber:iq:private' }, stored)));
      },
    } as unknown as Client;
    // printf '42\nada@example.org\nAda Lovelace' | openssl dgst -sha256 -hmac 'correct horse battery staple'
    const signature = '3eee05a6d429b471fac6e1a7a035ec02fd705d6c571781cf655fcc3d1847f904';
    const context = { userId: '42', email: 'ada@example.org', name: 'Ada Lovelace', signature };
    const [one, two] = [await mount({ context, client }), await mount({ context: { ...context, name: 'Eve' }, client })];
    await waitUntil(() => !!part(one, 'verified') && !!part(two, 'forged'));
    expect(asked, 'one read for both').to.deep.equal(['get']);
  });

  it('says so when the visitor told nothing', async () => {
    const el = await mount({ context: undefined });
    expect(el.shadowRoot!.textContent).to.include('This visitor has not told us anything yet.');
  });

  it('names common browsers and systems', () => {
    expect(
      browserOf('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1'),
    ).to.equal('Safari · iOS');
    expect(browserOf('Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0')).to.equal('Firefox · Linux');
    expect(browserOf('curl/8.0')).to.equal(undefined);
  });
});
