import { expect } from '@esm-bundle/chai';
import axe from 'axe-core';
import './visitor-details.ts';
import { browserOf, type XmppChatVisitorDetails } from './visitor-details.ts';
import { mount as mountElement, unmountAll } from '../test-fixtures.ts';

afterEach(unmountAll);

const mount = (props: Partial<XmppChatVisitorDetails> = {}) => mountElement<XmppChatVisitorDetails>('xmpp-chat-visitor-details', props);
const rows = (el: XmppChatVisitorDetails) =>
  [...el.shadowRoot!.querySelectorAll('.row')].map((row) => [
    row.querySelector('dt')!.textContent,
    row.querySelector('dd')!.textContent.trim(),
  ]);
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
