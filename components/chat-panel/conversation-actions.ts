/**
 * What the reader does to the open conversation beyond writing: reply to a message, correct one
 * of ours (the button, or ↑ in the empty composer), react, retract, and send files (chosen, pasted
 * or dropped onto the conversation). The uploads and their tray load with the first file.
 */
import { html, nothing, type ReactiveController } from 'lit';
import type { StoredMessage } from '../../src/index.ts';
import { FileDrop } from '../controllers/file-drop.ts';
import type { Uploads } from '../controllers/uploads.ts';
import type { XmppChatEvents } from '../events.ts';
import { PARTS, exportparts } from '../parts.ts';
import type { ChatPanel } from './chat-panel.ts';
import { peerName } from './chat-panel.views.ts';

type Detail<K extends keyof XmppChatEvents> = CustomEvent<XmppChatEvents[K]>;

export class ConversationActions implements ReactiveController {
  /** The message the composer answers. */
  replyingTo?: { key: string; name: string; quote: string };
  /** The message of ours the composer corrects. */
  editing?: { key: string; body: string };
  uploads?: Uploads;
  readonly drop: FileDrop;
  #peer?: string;
  #loading?: Promise<Uploads>;

  constructor(private readonly panel: ChatPanel) {
    panel.addController(this);
    this.drop = new FileDrop(panel, {
      onDrop: (files) => this.attach(files),
      accepts: (e) => !!this.#open() && e.composedPath().some((el) => el instanceof HTMLElement && el.classList.contains('conversation')),
    });
  }

  /** Another conversation: what the composer was answering or correcting is no longer there. */
  hostUpdate(): void {
    const peer = this.#open()?.peer;
    if (peer !== this.#peer) this.replyingTo = this.editing = undefined;
    this.#peer = peer;
  }

  #open = () => (this.panel.session?.conversation.peer ? this.panel.session.conversation : undefined);
  #find = (key: string): StoredMessage | undefined => this.#open()?.messages.find((m) => m.key === key);
  #changed = () => this.panel.requestUpdate();

  /** The events of the message list and the composer, to spread on each. */
  readonly listEvents = {
    react: (e: Detail<'xmpp-chat-react'>) => this.#run((chat, peer) => chat.react(peer, e.detail.key, e.detail.emojis)),
    retract: (e: Detail<'xmpp-chat-retract'>) => this.#run((chat, peer) => chat.retract(peer, e.detail.key)),
    replyTo: (e: Detail<'xmpp-chat-reply-to'>) => {
      const message = this.#find(e.detail.key);
      if (!message) return;
      const { session } = this.panel;
      const name = message.direction === 'out' || !session ? '' : (message.nick ?? peerName(this.panel, session, message.peer));
      this.replyingTo = { key: message.key, name, quote: message.file?.name ?? message.body };
      this.editing = undefined;
      this.#focus();
    },
    edit: (e: Detail<'xmpp-chat-edit'>) => this.#edit(this.#find(e.detail.key)),
  };

  /** Corrects the newest of our messages that can be (↑ in the empty composer). */
  editLast(): void {
    const messages = this.#open()?.messages ?? [];
    this.#edit([...messages].reverse().find((m) => m.direction === 'out' && !m.retracted && !m.file));
  }

  #edit(message: StoredMessage | undefined): void {
    if (!message || message.direction !== 'out' || message.retracted || message.file) return;
    this.editing = { key: message.key, body: message.body };
    this.replyingTo = undefined;
    this.#focus();
  }

  /** Sends the composer's text: a correction, a reply or a message. */
  send({ body, edit, replyTo }: XmppChatEvents['xmpp-chat-send']): void {
    const session = this.panel.session;
    const peer = this.#open()?.peer;
    this.replyingTo = this.editing = undefined;
    this.#changed();
    if (!session || !peer) return;
    const answered = replyTo ? this.#find(replyTo) : undefined;
    const editing = edit ? this.#find(edit) : undefined;
    if (editing) {
      if (editing.body !== body) this.#run((chat) => chat.messaging.correct(peer, editing.key, body));
    } else if (answered) this.#run((chat) => chat.reply(peer, answered, body, session.sendOptions(peer)));
    else void session.send(body, peer);
  }

  cancel(): void {
    this.replyingTo = this.editing = undefined;
    this.#changed();
  }

  /** Uploads the files and sends each once uploaded. */
  attach(files: File[]): void {
    const peer = this.#open()?.peer;
    if (!peer || !files.length) return;
    this.#loading ??= Promise.all([import('../controllers/uploads.ts'), import('../upload-tray/upload-tray.ts')]).then(
      ([{ Uploads }]) => (this.uploads = new Uploads(this.panel, () => this.panel.session!.chat)),
    );
    this.#loading.then(
      (uploads) => uploads.add(files, peer),
      (error: Error) => this.panel.report(error),
    );
  }

  /** The files on their way to the open conversation, with their progress. */
  renderTray(peer: string) {
    const { uploads } = this;
    const items = uploads?.of(peer) ?? [];
    if (!uploads || !items.length) return nothing;
    return html`<xmpp-chat-upload-tray exportparts=${exportparts(PARTS.uploadTray)}
      lang=${this.panel.lang} .items=${items}
      @xmpp-chat-upload-cancel=${(e: Detail<'xmpp-chat-upload-cancel'>) => uploads.cancel(e.detail.id)}
      @xmpp-chat-upload-retry=${(e: Detail<'xmpp-chat-upload-retry'>) => uploads.retry(e.detail.id)}
      @xmpp-chat-upload-dismiss=${(e: Detail<'xmpp-chat-upload-dismiss'>) => uploads.dismiss(e.detail.id)}></xmpp-chat-upload-tray>`;
  }

  #run(work: (chat: NonNullable<ChatPanel['session']>['chat'], peer: string) => Promise<unknown>): void {
    const session = this.panel.session;
    const peer = this.#open()?.peer;
    if (session && peer) work(session.chat, peer).catch((error: Error) => session.fail(error));
  }

  #focus(): void {
    this.#changed();
    void this.panel.focusComposer();
  }
}
