import { expect } from '@esm-bundle/chai';
import axe from 'axe-core';
import type { Avatars, AvatarsEvents } from '../../src/index.ts';
import { toBase64 } from '../../src/stanza/avatar.ts';
import { mount as mountElement, unmountAll } from '../test-fixtures.ts';
import './avatar.ts';
import './avatar-editor.ts';
import { initials, type XmppChatAvatar } from './avatar.ts';
import type { XmppChatAvatarEditor } from './avatar-editor.ts';

afterEach(unmountAll);

async function picture(width: number, height: number, type = 'image/png'): Promise<Blob> {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#0a7';
  context.fillRect(0, 0, width, height);
  return canvas.convertToBlob({ type });
}
const dataUrl = async (blob: Blob) => `data:${blob.type};base64,${toBase64(new Uint8Array(await blob.arrayBuffer()))}`;

/** Avatars that answer from a table, with a change event the test fires, and publishes recorded. */
function fakeAvatars(table: Record<string, string | undefined>) {
  const listeners = new Set<(detail: AvatarsEvents['change']) => void>();
  const published: { image: Blob; size?: { width: number; height: number } }[] = [];
  const avatars = {
    of: (jid: string) => Promise.resolve(table[jid]),
    publish: (image: Blob, size?: { width: number; height: number }) => {
      published.push({ image, size });
      return Promise.resolve();
    },
    on: (type: string, listener: (detail: AvatarsEvents['change']) => void) => {
      if (type === 'change') listeners.add(listener);
      return () => listeners.delete(listener);
    },
  } as Avatars;
  return { avatars, published, change: (jid: string) => listeners.forEach((listener) => listener({ jid })), listeners };
}
const settle = async (el: { updateComplete: Promise<unknown> }) => {
  await new Promise((resolve) => setTimeout(resolve));
  await el.updateComplete;
};

const mount = (props: Partial<XmppChatAvatar>) => mountElement<XmppChatAvatar>('xmpp-chat-avatar', props);
const part = (el: XmppChatAvatar) => el.shadowRoot!.querySelector<HTMLElement>('[part="avatar"]')!;

describe('xmpp-chat-avatar', () => {
  it('shows initials of a name or an address, as an image named after the person', async () => {
    expect([initials('Ann Lee'), initials('ann.lee@example.org'), initials('émile'), initials('  '), initials('😀 x')]).to.deep.equal([
      'AL',
      'AL',
      'É',
      '?',
      '😀X',
    ]);
    const el = await mount({ name: 'Ann Lee' });
    expect(part(el).textContent.trim()).to.equal('AL');
    expect(part(el).getAttribute('role')).to.equal('img');
    expect(part(el).getAttribute('aria-label')).to.equal('Ann Lee');
    expect(part(el).className).to.match(/hue-\d/);
  });

  it('is skipped by screen readers when decorative (the name is beside it)', async () => {
    const el = await mount({ name: 'Ann Lee', decorative: true });
    expect(part(el).getAttribute('aria-hidden')).to.equal('true');
    expect(part(el).hasAttribute('role')).to.equal(false);
  });

  it('shows a picture given as src, but never SVG or a remote address', async () => {
    const png = await dataUrl(await picture(4, 4));
    const el = await mount({ name: 'Ann', src: png });
    expect(part(el).querySelector('img')!.getAttribute('src')).to.equal(png);
    expect(part(el).querySelector('img')!.alt).to.equal('');
    for (const src of ['data:image/svg+xml;base64,PHN2Zy8+', 'https://example.org/a.png']) {
      el.src = src;
      await el.updateComplete;
      expect(part(el).querySelector('img'), src).to.equal(null);
    }
  });

  it('finds the picture with the avatars feature, and shows a new one when it changes', async () => {
    const first = await dataUrl(await picture(4, 4));
    const table: Record<string, string | undefined> = { 'ann@example.org': first };
    const fake = fakeAvatars(table);
    const el = await mount({ jid: 'ann@example.org', avatars: fake.avatars });
    await settle(el);
    expect(part(el).querySelector('img')!.src).to.equal(first);
    table['ann@example.org'] = undefined;
    fake.change('bob@example.org');
    await settle(el);
    expect(part(el).querySelector('img')).to.not.equal(null);
    fake.change('ann@example.org');
    await settle(el);
    expect(part(el).querySelector('img')).to.equal(null);
    expect(part(el).textContent.trim()).to.equal('A');
    el.remove();
    expect(fake.listeners.size).to.equal(0);
  });

  it('has no accessibility violations found by axe, with initials or a picture', async () => {
    const main = document.createElement('main');
    document.body.append(main);
    try {
      await mountElement<XmppChatAvatar>('xmpp-chat-avatar', { name: 'Ann Lee' }, main);
      await mountElement<XmppChatAvatar>('xmpp-chat-avatar', { name: 'Bob', src: await dataUrl(await picture(4, 4)) }, main);
      await mountElement<XmppChatAvatar>('xmpp-chat-avatar', { name: 'Cy', decorative: true }, main);
      const { violations } = await axe.run(main);
      expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' ')}`)).to.deep.equal([]);
    } finally {
      main.remove();
    }
  });
});

describe('xmpp-chat-avatar-editor', () => {
  const mountEditor = (props: Partial<XmppChatAvatarEditor>) => mountElement<XmppChatAvatarEditor>('xmpp-chat-avatar-editor', props);
  const note = (el: XmppChatAvatarEditor) => el.shadowRoot!.querySelector<HTMLElement>('.note')!;

  it('publishes a chosen picture as a square of at most 192 pixels', async () => {
    const fake = fakeAvatars({});
    const el = await mountEditor({ avatars: fake.avatars, jid: 'ann@example.org', name: 'Ann' });
    expect(el.shadowRoot!.querySelector('[part="avatar-button"]')!.textContent.trim()).to.equal('Change your picture');
    await el.choose(await picture(400, 300, 'image/jpeg'));
    await el.updateComplete;
    expect(fake.published).to.have.length(1);
    const { image, size } = fake.published[0];
    expect(size).to.deep.equal({ width: 192, height: 192 });
    expect(['image/png', 'image/webp']).to.include(image.type);
    const bitmap = await createImageBitmap(image);
    expect([bitmap.width, bitmap.height]).to.deep.equal([192, 192]);
    expect(note(el).textContent.trim()).to.equal('Your picture is saved.');
    expect(note(el).getAttribute('role')).to.equal('status');
  });

  it('keeps a small picture its size, and refuses SVG in words', async () => {
    const fake = fakeAvatars({});
    const el = await mountEditor({ avatars: fake.avatars, jid: 'ann@example.org', lang: 'de' });
    await el.choose(await picture(40, 60));
    expect(fake.published[0].size).to.deep.equal({ width: 40, height: 40 });
    await el.choose(new Blob(["<svg xmlns='http://www.w3.org/2000/svg'/>"], { type: 'image/svg+xml' }));
    await el.updateComplete;
    expect(fake.published).to.have.length(1);
    expect(note(el).textContent.trim()).to.equal('Wähle ein PNG-, JPEG-, GIF- oder WebP-Bild.');
    expect(note(el).getAttribute('role')).to.equal('alert');
    const { violations } = await axe.run(el);
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' ')}`)).to.deep.equal([]);
  });

  it('says so when publishing fails', async () => {
    const fake = fakeAvatars({});
    fake.avatars.publish = () => Promise.reject(new Error('item-not-found'));
    const el = await mountEditor({ avatars: fake.avatars, jid: 'ann@example.org' });
    await el.choose(await picture(10, 10));
    await el.updateComplete;
    expect(note(el).textContent.trim()).to.equal('Your picture could not be saved. Try again.');
  });
});
