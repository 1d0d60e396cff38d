import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import axe from 'axe-core';
import { loadLanguage } from '../i18n/i18n.ts';
import {
  all,
  extrasLoaded,
  frame,
  inRow,
  message,
  mount,
  mountWithExtras,
  one,
  plain,
  recorder,
  row,
  settle,
  unmountAll,
  waitFor,
} from './test-list.ts';

before(() => loadLanguage('de'));

const IMAGE = new URL('./test-image.png', import.meta.url).href; // 400 × 300
let unique = 0;
/** The test image at a URL no earlier test fetched. */
const freshImage = () => `${IMAGE}?n=${Date.now()}-${unique++}`;
const fetched = (url: string) => performance.getEntriesByType('resource').some((entry) => entry.name === url);
const loaded = (img: HTMLImageElement) =>
  img.complete ? Promise.resolve() : new Promise((resolve) => img.addEventListener('load', resolve, { once: true }));
const box = (el: Element) => {
  const { width, height } = el.getBoundingClientRect();
  return { width: Math.round(width), height: Math.round(height) };
};

describe('message list: files, replies, reactions, styling', () => {
  afterEach(unmountAll);

  it('loads nothing more for plain text, and shows it as before', async () => {
    const el = await mount({ messages: plain(3) });
    expect(extrasLoaded(el)).to.equal(false);
    expect(inRow(el, 'p0', '[part="message-body"]')!.textContent).to.equal('message p0');
  });

  it('shows an image inline in a box of its aspect ratio before it loads, without a referrer', async () => {
    const url = freshImage();
    const file = { url, type: 'image/png', width: 400, height: 300, size: 1200, desc: 'Two colours' };
    const el = await mount({ messages: [message('img', { body: url, file })] });
    await waitFor(() => !!inRow(el, 'img', 'img'), 'the image is rendered');
    const img = inRow(el, 'img', 'img') as HTMLImageElement;
    const button = inRow(el, 'img', 'button.image')!;
    const before = box(button);
    expect(img.getAttribute('width'), 'shrunk to fit 280 × 320').to.equal('280');
    expect(before.width, 'and to the list').to.be.within(200, 280);
    expect(before.height, 'at 4:3').to.be.closeTo((before.width * 3) / 4, 1);
    expect(img.getAttribute('part')).to.equal('message-image');
    expect(img.getAttribute('referrerpolicy')).to.equal('no-referrer');
    expect(img.getAttribute('loading')).to.equal('lazy');
    expect(img.getAttribute('decoding')).to.equal('async');
    expect(img.alt).to.equal('Two colours');
    expect(inRow(el, 'img', '.bubble'), 'the body is only the link: no text bubble').to.equal(null);
    const rowHeight = row(el, 'img').getBoundingClientRect().height;
    await loaded(img);
    await settle(el);
    expect(box(button), 'nothing moved when it loaded').to.deep.equal(before);
    expect(row(el, 'img').getBoundingClientRect().height).to.equal(rowHeight);
  });

  it('never shows SVG or a non-http(s) source as an image, and never links javascript:', async () => {
    const messages = [
      message('svg', {
        body: 'https://files.example/logo.svg',
        file: { url: 'https://files.example/logo.svg', type: 'image/svg+xml', name: 'logo.svg' },
      }),
      message('svg-path', { body: 'look', file: { url: 'https://files.example/x.svg', type: 'image/png' } }),
      message('js', { body: 'javascript:alert(1)', file: { url: 'javascript:alert(1)', type: 'image/png', name: 'x.png' } }),
      message('data', { body: 'data', file: { url: 'data:image/png;base64,AAAA', type: 'image/png' } }),
    ];
    const el = await mountWithExtras({ messages });
    expect(all(el, 'img'), 'no image at all').to.have.length(0);
    expect(all(el, '[part="message-file"]')).to.have.length(4);
    const hrefs = all(el, 'a').map((a) => a.getAttribute('href'));
    expect(
      hrefs.every((href) => href!.startsWith('https://')),
      hrefs.join(),
    ).to.equal(true);
    expect(inRow(el, 'js', '[part="message-body"]')!.textContent).to.equal('javascript:alert(1)');
    expect(inRow(el, 'svg', '[part="message-file"] a')!.getAttribute('rel')).to.equal('noopener noreferrer');
  });

  it('does not fetch a large image until asked, then shows it and keeps the focus on it', async () => {
    const url = freshImage();
    const file = { url, type: 'image/png', width: 400, height: 300, size: 12 * 1024 * 1024, name: 'big.png' };
    const el = await mountWithExtras({ messages: [message('big', { body: url, file })] });
    const show = inRow(el, 'big', '[part="message-file"] button')!;
    expect(show.textContent.trim()).to.equal('Show image (12 MB)');
    expect(inRow(el, 'big', 'img')).to.equal(null);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(fetched(url), 'not fetched').to.equal(false);
    show.click();
    await settle(el);
    const img = inRow(el, 'big', 'img') as HTMLImageElement;
    expect(img.getAttribute('width')).to.equal('280');
    expect(el.shadowRoot!.activeElement).to.equal(inRow(el, 'big', 'button.image'));
    await loaded(img);
    expect(fetched(url)).to.equal(true);
  });

  it('shows other files as a card with name, localized size, type and a download link', async () => {
    const url = 'https://files.example/q3/report.pdf';
    const file = { url, name: 'report.pdf', size: 2.5 * 1024 * 1024, type: 'application/pdf' };
    const el = await mountWithExtras({
      messages: [
        message('pdf', { body: url, file }),
        message('doc', { body: 'the notes', file: { url: 'https://files.example/notes.txt', size: 2048 } }),
      ],
      lang: 'de',
    });
    const card = inRow(el, 'pdf', '[part="message-file"]')!;
    expect(card.querySelector('.file-name')!.textContent).to.equal('report.pdf');
    expect(card.querySelector('.file-facts')!.textContent).to.equal('2,5 MB · PDF');
    const link = card.querySelector('a')!;
    expect([link.href, link.target, link.rel]).to.deep.equal([url, '_blank', 'noopener noreferrer']);
    expect(link.getAttribute('aria-label')).to.equal('report.pdf herunterladen');
    expect(inRow(el, 'pdf', '.bubble'), 'the link alone is not repeated as text').to.equal(null);
    expect(inRow(el, 'doc', '.file-name')!.textContent, 'named after its link').to.equal('notes.txt');
    expect(inRow(el, 'doc', '.file-facts')!.textContent).to.equal('2 kB · TXT');
    expect(inRow(el, 'doc', '.bubble')!.textContent).to.equal('the notes');
  });

  it('opens an image full size in a dialog that Escape closes, giving the focus back', async () => {
    const url = freshImage();
    const el = await mountWithExtras({
      messages: [message('img', { body: url, file: { url, type: 'image/png', width: 400, height: 300 } })],
    });
    const button = inRow(el, 'img', 'button.image')!;
    button.focus();
    await sendKeys({ press: 'Enter' });
    const dialog = one(el, 'dialog')! as HTMLDialogElement;
    expect(dialog.open).to.equal(true);
    expect(dialog.getAttribute('part')).to.equal('image-viewer');
    expect(dialog.querySelector('img')!.getAttribute('src')).to.equal(url);
    expect(dialog.querySelector('img')!.getAttribute('referrerpolicy')).to.equal('no-referrer');
    await sendKeys({ press: 'Escape' });
    await waitFor(() => !dialog.open, 'Escape closes it');
    expect(el.shadowRoot!.activeElement).to.equal(button);
  });

  it('quotes the answered message above a reply, and scrolls to it', async () => {
    const messages = [
      message('q', { sid: 'stanza-q', body: 'Which plan suits me?' }),
      ...plain(40),
      message('r', { direction: 'out', body: 'The small one.', replyTo: { id: 'stanza-q', to: 'ada@example.org/phone' } }),
      message('lost', { replyTo: { id: 'gone', to: 'me@example.org', quote: 'an old line' } }),
      message('d', { sid: 'deleted', retracted: true, body: '' }),
      message('to-d', { direction: 'out', body: 'ok', replyTo: { id: 'deleted', quote: 'what it said' } }),
    ];
    const el = await mountWithExtras({ messages });
    const quote = inRow(el, 'r', '[part="reply-quote"]')!;
    expect(quote.tagName).to.equal('BUTTON');
    expect(quote.querySelector('.quote-author')!.textContent).to.equal('Ada');
    expect(quote.querySelector('.quote-text')!.textContent).to.equal('Which plan suits me?');
    expect(quote.textContent).to.contain('In reply to Ada');
    const lost = inRow(el, 'lost', '[part="reply-quote"]')!;
    expect(lost.tagName, 'not loaded: nothing to scroll to').to.equal('DIV');
    expect([lost.querySelector('.quote-author')!.textContent, lost.querySelector('.quote-text')!.textContent]).to.deep.equal([
      'You',
      'an old line',
    ]);
    expect(inRow(el, 'to-d', '.quote-text')!.textContent, 'nothing of a deleted message is quoted').to.equal('This message was deleted');
    expect(one(el, '[data-key="q"]'), 'far above: not rendered').to.equal(null);
    quote.click();
    await waitFor(() => el.shadowRoot!.activeElement === one(el, '[data-key="q"]'), 'the answered message is focused');
    const top = row(el, 'q').getBoundingClientRect().top - one(el, '.scroller')!.getBoundingClientRect().top;
    expect(top).to.be.within(-2, 40);
  });

  it('shows reactions with counts, ours pressed, and toggles ours', async () => {
    const reactions = { 'ada@example.org': ['👍', '🎉'], 'ME@example.org': ['👍'] };
    const el = await mountWithExtras({ messages: [message('m', { reactions })] });
    const fired = recorder(el, ['xmpp-chat-react']);
    const chips = all(el, '[part="reaction"]');
    expect(
      chips.map((chip) => [chip.textContent.replace(/\s+/g, ''), chip.getAttribute('aria-pressed'), chip.getAttribute('aria-label')]),
    ).to.deep.equal([
      ['👍2', 'true', '👍 2, you reacted'],
      ['🎉1', 'false', '🎉 1'],
    ]);
    chips[0].click();
    chips[1].click();
    expect(fired.map((event) => event.detail)).to.deep.equal([
      { key: 'm', emojis: [] },
      { key: 'm', emojis: ['👍', '🎉'] },
    ]);
  });

  it('says a retracted message was deleted, with nothing of it left', async () => {
    const file = { url: 'https://files.example/a.png', type: 'image/png' };
    const el = await mountWithExtras({
      messages: [
        message('gone', { body: '', retracted: true, file, reactions: { 'ada@example.org': ['👍'] }, replyTo: { id: 'x', quote: 'q' } }),
      ],
    });
    const body = inRow(el, 'gone', '[part="message-body"]')!;
    expect(body.textContent).to.equal('This message was deleted');
    expect(getComputedStyle(body).fontStyle).to.equal('italic');
    for (const part of ['message-image', 'message-file', 'reaction', 'reply-quote', 'message-actions'])
      expect(inRow(el, 'gone', `[part="${part}"]`), part).to.equal(null);
  });

  it('shows /me as an action of the sender, in italics', async () => {
    const el = await mountWithExtras({ messages: [message('me', { body: '/me waves *hello*' })] });
    const body = inRow(el, 'me', '[part="message-body"]')!;
    expect(body.textContent).to.equal('* Ada waves *hello*');
    expect(getComputedStyle(body).fontStyle).to.equal('italic');
    expect(body.querySelector('strong')!.textContent).to.equal('*hello*');
  });

  it('styles text as XEP-0393 says, with text nodes only, and keeps its links', async () => {
    const body = '*bold* _it_ ~gone~ `code *x*` <b>not bold</b> *see https://example.org/a_b*\n```\npre *text*\n```\n> quoted _words_';
    const el = await mountWithExtras({ messages: [message('s', { body })] });
    const bubble = inRow(el, 's', '[part="message-body"]')!;
    const text = (selector: string) => [...bubble.querySelectorAll(selector)].map((node) => node.textContent);
    expect(text(':scope > strong')).to.deep.equal(['*bold*', '*see https://example.org/a_b*']);
    expect(text('em')).to.deep.equal(['_it_', '_words_']);
    expect(text('s')).to.deep.equal(['~gone~']);
    expect(text(':scope > code')).to.deep.equal(['`code *x*`']);
    expect(bubble.querySelector('code strong'), 'no styling inside code').to.equal(null);
    expect(bubble.querySelector('b'), '<b> is text').to.equal(null);
    expect(bubble.textContent).to.contain('<b>not bold</b>');
    expect(bubble.querySelector('strong a')!.getAttribute('href')).to.equal('https://example.org/a_b');
    expect(text('pre')).to.deep.equal(['pre *text*']);
    expect(text('blockquote')).to.deep.equal(['quoted _words_']);
    expect(bubble.querySelector('.directive')!.getAttribute('aria-hidden')).to.equal('true');
  });

  it('keeps the reader’s place, frame after frame, when an image of unknown size comes and loads above it', async () => {
    const url = freshImage();
    const messages = [...plain(30, 'a'), message('img', { body: '_soon_' }), ...plain(12, 'b')];
    const el = await mountWithExtras({ messages });
    const scroller = one(el, '.scroller')!;
    scroller.scrollTop -= 100; // the reader is reading, not at the newest message
    await settle(el);
    expect(row(el, 'img').getBoundingClientRect().bottom, 'the row is rendered above the view').to.be.below(
      scroller.getBoundingClientRect().top,
    );
    const top = (r: HTMLElement) => r.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
    const seen = all(el, '.row').find((r) => top(r) > 0 && top(r) < 200)!;
    const place = () => Math.round(top(seen));
    const before = place();
    const places = new Set<number>();
    let watching = true;
    void (async () => {
      while (watching) {
        places.add(place());
        await frame();
      }
    })();
    el.messages = messages.map((m) => (m.key === 'img' ? { ...m, body: url, file: { url, type: 'image/png' } } : m));
    await waitFor(() => !!inRow(el, 'img', 'img'), 'the image is rendered');
    const img = inRow(el, 'img', 'img') as HTMLImageElement;
    await loaded(img);
    await settle(el);
    watching = false;
    expect(row(el, 'img').getBoundingClientRect().height, 'the row grew').to.be.above(150);
    expect(Math.max(...[...places].map((y) => Math.abs(y - before))), 'the row in view never moved').to.be.at.most(1);
  });

  it('stays at the newest message when its image of unknown size loads', async () => {
    const url = freshImage();
    const el = await mountWithExtras({ messages: [...plain(20), message('img', { body: url, file: { url, type: 'image/png' } })] });
    const img = inRow(el, 'img', 'img') as HTMLImageElement;
    await loaded(img);
    await settle(el);
    const scroller = one(el, '.scroller')!;
    expect(scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight).to.be.below(2);
  });

  it('has no accessibility violations found by axe', async () => {
    const url = freshImage();
    const messages = [
      message('q', { sid: 'q1', body: 'Where is *my* order?' }),
      message('img', { body: url, file: { url, type: 'image/png', width: 400, height: 300, name: 'cat.png' } }),
      message('pdf', { body: 'https://f.example/a.pdf', file: { url: 'https://f.example/a.pdf', name: 'a.pdf', size: 5000 } }),
      message('big', { body: 'https://f.example/b.png', file: { url: 'https://f.example/b.png', type: 'image/png', size: 9e6 } }),
      message('r', { direction: 'out', body: '> quoted\nanswer `code`', replyTo: { id: 'q1' }, reactions: { 'me@example.org': ['👍'] } }),
      message('gone', { direction: 'out', retracted: true, body: '' }),
      message('me', { body: '/me waves' }),
    ];
    const el = await mountWithExtras({ messages });
    const { violations } = await axe.run(el);
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' ')}`)).to.deep.equal([]);
  });
});
