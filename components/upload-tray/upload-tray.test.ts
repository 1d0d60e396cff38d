import { expect } from '@esm-bundle/chai';
import axe from 'axe-core';
import './upload-tray.ts';
import type { XmppChatUploadTray } from './upload-tray.ts';
import type { Upload } from '../controllers/uploads.ts';
import { loadLanguage } from '../i18n/i18n.ts';
import { mount as mountElement, record, unmountAll } from '../test-fixtures.ts';

before(() => loadLanguage('de'));
afterEach(unmountAll);

const mount = (items: Upload[], lang = 'en') => mountElement<XmppChatUploadTray>('xmpp-chat-upload-tray', { items, lang });

const upload = (id: string, change: Partial<Upload> = {}): Upload => ({
  id,
  peer: 'ann@x.org',
  name: `${id}.png`,
  size: 2 * 1024 * 1024,
  stage: 'uploading',
  sent: 512 * 1024,
  retryable: true,
  ...change,
});

const rows = (el: XmppChatUploadTray) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="upload"]')];
const buttons = (row: HTMLElement) => [...row.querySelectorAll('button')].map((b) => b.textContent.trim());
const progress = (row: HTMLElement) => row.querySelector<HTMLProgressElement>('[part~="upload-progress"]')!;

describe('xmpp-chat-upload-tray', () => {
  it('renders nothing without uploads', async () => {
    const el = await mount([]);
    expect(el.shadowRoot!.querySelector('ul')).to.equal(null);
  });

  it('shows each file’s name, size and labelled progress, with Cancel while it uploads', async () => {
    const el = await mount([upload('a'), upload('b', { stage: 'preparing', sent: 0, size: 300 })]);
    const [a, b] = rows(el);
    expect(a.querySelector('.name')!.textContent).to.equal('a.png');
    expect(a.querySelector('.size')!.textContent).to.equal('2 MB');
    expect(progress(a).getAttribute('aria-label')).to.equal('Sending a.png');
    expect([progress(a).value, progress(a).max]).to.deep.equal([512 * 1024, 2 * 1024 * 1024]);
    expect(buttons(a)).to.deep.equal(['Cancel']);
    // Still being checked: no figure yet.
    expect(progress(b).hasAttribute('value')).to.equal(false);
    expect(b.querySelector('.size')!.textContent).to.equal('300 byte');
  });

  it('fires cancel, retry and dismiss with the upload’s id', async () => {
    const el = await mount([upload('a'), upload('b', { stage: 'failed', failure: { condition: 'failed', message: 'No answer.' } })]);
    const cancels = record(el, 'xmpp-chat-upload-cancel');
    const retries = record(el, 'xmpp-chat-upload-retry');
    const dismissals = record(el, 'xmpp-chat-upload-dismiss');
    const [a, b] = rows(el);
    a.querySelector('button')!.click();
    const [retry, dismiss] = b.querySelectorAll('button');
    retry.click();
    dismiss.click();
    expect([cancels, retries, dismissals]).to.deep.equal([[{ id: 'a' }], [{ id: 'b' }], [{ id: 'b' }]]);
  });

  it('says why an upload failed, once, as an alert, and offers Retry only when it can help', async () => {
    const el = await mount([
      upload('big', {
        stage: 'failed',
        retryable: false,
        size: 12 * 1024 * 1024,
        failure: { condition: 'too-large', limit: 10 * 1024 * 1024 },
      }),
      upload('none', { stage: 'failed', retryable: false, failure: { condition: 'no-service' } }),
      upload('lost', { stage: 'failed', failure: { condition: 'failed', message: 'The file server did not answer.' } }),
    ]);
    const [big, none, lost] = rows(el);
    const why = (row: HTMLElement) => row.querySelector('[role="alert"]')!.textContent;
    expect(why(big)).to.equal('big.png was not sent: it is 12 MB, and the server takes files up to 10 MB.');
    expect(why(none)).to.equal('none.png was not sent: this chat server does not take files.');
    expect(why(lost)).to.equal('lost.png was not sent: The file server did not answer.');
    expect([buttons(big), buttons(lost)]).to.deep.equal([['Dismiss'], ['Retry', 'Dismiss']]);
    expect(big.part.contains('upload-failed')).to.equal(true);
    expect(progress(big)).to.equal(null);
    // The same alert stays on later renders: it is read once.
    const alert = big.querySelector('[role="alert"]');
    el.items = [...el.items];
    await el.updateComplete;
    expect(rows(el)[0].querySelector('[role="alert"]')).to.equal(alert);
  });

  it('offers nothing to press while the message is being sent', async () => {
    const el = await mount([upload('a', { stage: 'sending', sent: 2 * 1024 * 1024 })]);
    expect(buttons(rows(el)[0])).to.deep.equal([]);
  });

  it('hands the focus on: to a neighbour when a row goes, to Cancel after Retry', async () => {
    const el = await mount([upload('a'), upload('b', { stage: 'failed', failure: { condition: 'failed' } })]);
    el.addEventListener('xmpp-chat-upload-cancel', () => (el.items = el.items.filter((u) => u.id !== 'a')));
    el.addEventListener('xmpp-chat-upload-retry', () => (el.items = [upload('b', { stage: 'preparing', sent: 0 })]));
    rows(el)[0].querySelector('button')!.click();
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement!.textContent.trim()).to.equal('Retry');
    (el.shadowRoot!.activeElement as HTMLButtonElement).click();
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement!.textContent.trim()).to.equal('Cancel');
  });

  it('speaks the given language', async () => {
    const el = await mount([upload('a'), upload('b', { stage: 'failed', retryable: false, failure: { condition: 'no-service' } })], 'de');
    expect(buttons(rows(el)[0])).to.deep.equal(['Abbrechen']);
    expect(rows(el)[1].querySelector('[role="alert"]')!.textContent).to.equal(
      'b.png wurde nicht gesendet: Dieser Chat-Server nimmt keine Dateien an.',
    );
  });

  it('has no accessibility violations found by axe', async () => {
    const el = await mount([
      upload('a'),
      upload('b', { stage: 'preparing', sent: 0 }),
      upload('c', { stage: 'failed', failure: { condition: 'failed', message: 'No answer.' } }),
    ]);
    const { violations } = await axe.run(el);
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' ')}`)).to.deep.equal([]);
  });
});
