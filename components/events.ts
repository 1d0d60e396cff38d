/**
 * Every event the widget fires, typed once. Public events (documented in the README) bubble out
 * of the widget and cross shadow roots; internal ones bubble only up to the view that renders the
 * element, which listens on the element itself.
 */
import type { OfficeHours } from '../src/desk.ts';
import type { RoomInvitation } from '../src/index.ts';

/** Fired by `<xmpp-chat>` for the page. */
export interface PublicEvents {
  'xmpp-chat-ready': Record<string, never>;
  'xmpp-chat-open': Record<string, never>;
  'xmpp-chat-close': Record<string, never>;
  'xmpp-chat-connected': { jid: string };
  'xmpp-chat-disconnected': { reason?: string };
  'xmpp-chat-message': { from: string; to: string; body: string; id: string; direction: 'in' | 'out' };
  'xmpp-chat-unread': { count: number };
  'xmpp-chat-error': { code: string; message: string };
  'xmpp-chat-identify': { name?: string; email?: string };
}

/** Between the widget's own elements. */
export interface InternalEvents {
  /** Message list: the reader scrolled near the oldest loaded message. */
  'xmpp-chat-load-older': Record<string, never>;
  /** Message list: send a failed message again. */
  'xmpp-chat-retry': { key: string };
  /** Message list: the newest message is on screen (the conversation may be marked read). */
  'xmpp-chat-seen': Record<string, never>;
  /** Message list: our reactions to this message (by key) are now these, the full set, maybe none (XEP-0444). */
  'xmpp-chat-react': { key: string; emojis: string[] };
  /** Message list: answer this message (XEP-0461). */
  'xmpp-chat-reply-to': { key: string };
  /** Message list: correct this message of ours (XEP-0308). */
  'xmpp-chat-edit': { key: string };
  /** Message list: retract this message of ours, for everyone (XEP-0424); the reader has confirmed it. */
  'xmpp-chat-retract': { key: string };
  /** Message list: a room's moderator removes this message (by key) for everyone (XEP-0425); they have confirmed it. */
  'xmpp-chat-moderate': { key: string };
  /** Occupant list: show what we may do with this occupant. */
  'xmpp-chat-occupant-menu': { nick: string };
  /** Room view (full mode): open the private conversation with this occupant (`room/nick`). */
  'xmpp-chat-private-message': { room: string; nick: string };
  /** Room view (full mode): keep this room in the bookmarks, or forget it. */
  'xmpp-chat-room-bookmark': { room: string; bookmarked: boolean };
  /** Room view (full mode): leave this room. */
  'xmpp-chat-room-leave': { room: string };
  /** Room list: open the form that joins or creates a room. */
  'xmpp-chat-join-room-open': Record<string, never>;
  /** Room list: accept or decline an invitation. */
  'xmpp-chat-invitation-answer': { invitation: RoomInvitation; accept: boolean };
  /** Join-room form: join (or create) this room; remember it as asked. */
  'xmpp-chat-join-room': { room: string; nick: string; password?: string; bookmark: boolean; autojoin: boolean };
  /** Join-room form: closed without joining. */
  'xmpp-chat-join-room-cancel': Record<string, never>;
  /** Composer: the user sends this text (already trimmed, never empty), as a reply to or a correction of a message (by key). */
  'xmpp-chat-send': { body: string; replyTo?: string; edit?: string };
  /** Composer: the user chose or pasted these files, to upload and send. */
  'xmpp-chat-attach': { files: File[] };
  /** Composer: ↑ in the empty field, to correct the last message we sent. */
  'xmpp-chat-edit-last': Record<string, never>;
  /** Composer: write no reply after all. */
  'xmpp-chat-reply-cancel': Record<string, never>;
  /** Composer: leave the message being corrected as it was. */
  'xmpp-chat-edit-cancel': Record<string, never>;
  /** Upload tray: stop this upload (or forget it, once failed). */
  'xmpp-chat-upload-cancel': { id: string };
  /** Upload tray: try this failed upload again. */
  'xmpp-chat-upload-retry': { id: string };
  /** Upload tray: forget this failed upload. */
  'xmpp-chat-upload-dismiss': { id: string };
  /** Composer: the draft changed; `typing` is false when it became empty. */
  'xmpp-chat-typing': { typing: boolean };
  /** Contact list: open the conversation with this bare JID. */
  'xmpp-chat-select': { jid: string };
  /** Contact list: add a contact. */
  'xmpp-chat-add-contact': { jid: string; name?: string };
  /** Contact list: answer a subscription request. */
  'xmpp-chat-answer-request': { jid: string; accept: boolean };
  /** Encryption view: back to the conversation. */
  'xmpp-chat-encryption-close': Record<string, never>;
  /** Panel: the user asked to close it (close button). */
  'xmpp-chat-close-request': Record<string, never>;
  /** Pre-chat form: the visitor's answers. */
  'xmpp-chat-prechat': { name?: string; email?: string };
  /** First screen: the visitor left this email for a reply (checked to look like one). */
  'xmpp-chat-leave-email': { email: string };
  /** Office hours editor: publish these hours. */
  'xmpp-chat-save-hours': { hours: OfficeHours };
  /** Login form: sign in with these credentials, as the agent with this name (when given). */
  'xmpp-chat-login': { jid: string; password: string; name?: string; remember?: boolean };
  /** Rating prompt (and the message list it is in): the visitor rated the conversation; `body` is the readable answer to send. */
  'xmpp-chat-rate': { score: 1 | 2 | 3 | 4 | 5; comment?: string; body: string };
  /** Emoji picker: this emoji was picked (composed, so a host a shadow root away hears it too). */
  'xmpp-chat-emoji': { emoji: string };
  /** Canned replies: put this reply's text into the composer. */
  'xmpp-chat-insert-reply': { text: string };
  /** Canned replies: save the composer's text (trimmed, never empty) as a reply with this title. */
  'xmpp-chat-save-reply': { title: string; text: string };
  /** Canned replies: delete the reply with this id. */
  'xmpp-chat-delete-reply': { id: string };
  /** Desk inbox: show another view of the conversations. */
  'xmpp-chat-inbox-view': { view: 'mine' | 'unassigned' | 'open' | 'resolved' | 'contacts' };
  /** Desk inbox: the agent asked for the list of keyboard shortcuts. */
  'xmpp-chat-keyboard-help': Record<string, never>;
  /** Desk bar: assign the open conversation to this agent. */
  'xmpp-chat-desk-claim': Record<string, never>;
  /** Desk bar: assign it to a teammate, or to nobody; with a note, a transfer. */
  'xmpp-chat-desk-assign': { agent?: string; note?: string };
  /** Desk bar: change its status. */
  'xmpp-chat-desk-status': { status: 'open' | 'pending' | 'resolved' };
  /** Desk bar: the agent has read what another agent did to it. */
  'xmpp-chat-desk-dismiss': Record<string, never>;
  /** Desk bar: save the conversation as a file. */
  'xmpp-chat-transcript': { format: 'txt' | 'html' };
  /** Desk notes: add a private note (trimmed, never empty). */
  'xmpp-chat-desk-note': { text: string };
  /** Desk notes: the conversation's labels are now these. */
  'xmpp-chat-desk-labels': { labels: string[] };
}

export type XmppChatEvents = PublicEvents & InternalEvents;

/** Dispatches a typed event from `target`; public events are composed, internal ones are not. */
export function emit<K extends keyof XmppChatEvents>(target: EventTarget, type: K, detail: XmppChatEvents[K]): boolean {
  const composed = type in PUBLIC;
  return target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed, cancelable: false }));
}

const PUBLIC: Record<keyof PublicEvents, true> = {
  'xmpp-chat-ready': true,
  'xmpp-chat-open': true,
  'xmpp-chat-close': true,
  'xmpp-chat-connected': true,
  'xmpp-chat-disconnected': true,
  'xmpp-chat-message': true,
  'xmpp-chat-unread': true,
  'xmpp-chat-error': true,
  'xmpp-chat-identify': true,
};

export type XmppChatEventMap = { [K in keyof XmppChatEvents]: CustomEvent<XmppChatEvents[K]> };

/** The events `<xmpp-chat>` fires for the page, by name: what a listener or a framework's event prop receives. */
export type XmppChatPublicEventMap = { [K in keyof PublicEvents]: CustomEvent<PublicEvents[K]> };

declare global {
  interface HTMLElementEventMap extends XmppChatEventMap {}
}
