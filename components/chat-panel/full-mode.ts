/**
 * What only full mode shows — contacts, the visitor's details, saved replies — loaded as its own
 * chunk with its elements, so a visitor's widget never carries it.
 */
import { adoptStyles, html, nothing } from 'lit';
import type { Contact, ConversationSummary, VisitorContext } from '../../src/index.ts';
import { createCannedReplies } from '../../src/desk.ts';
import type { ChatSession } from '../controllers/chat-session.ts';
import { strangerLabels } from '../controllers/visitor-names.ts';
import { t } from '../i18n/i18n.ts';
import { PARTS, exportparts } from '../parts.ts';
import type { ChatPanel } from './chat-panel.ts';
import '../contact-list/contact-list.ts';
import '../login-form/login-form.ts';
import '../visitor-details/visitor-details.ts';
import '../canned-replies/canned-replies.ts';
import { deskOf, renderDeskNotes, renderInbox } from './full-desk.ts';
import { forgetNotificationPermission, notificationPermission, pageNotifications } from '../controllers/notification-permission.ts';
import { avatarsOf } from './panel-avatars.ts';
import { HeldWhileHidden } from './held-while-hidden.ts';
import { fullStyles } from './full-mode.styles.ts';
import { isRoom, renderRoomsGroup, roomPeerName } from './rooms-entry.ts';

export { detachDesk, renderDeskBar } from './full-desk.ts';
export { isRoom, openRoom, privateSend, renderRoomPane, selectRoom } from './rooms-entry.ts';
export { forgetAccount, renderAccountButtons, renderBackButton, renderPictureButton } from './full-header.ts';

/**
 * Adds full mode's rules after the panel's own, once its code has loaded (before the desk's
 * layout, which comes with the first render that uses this module).
 */
export function addStyles(panel: ChatPanel): void {
  const root = panel.renderRoot;
  if (root instanceof ShadowRoot) adoptStyles(root, [...(panel.constructor as typeof ChatPanel).elementStyles, fullStyles]);
}

/** The agent's saved replies for this session, fetched now if connected and with every new session. */
export function useReplies(session: ChatSession): void {
  const replies = createCannedReplies({ client: session.chat.client });
  session.replies = replies;
  replies.on('changed', () => session.changed());
  replies.on('error', (error) => session.fail(error));
  const fetch = () => void replies.list().catch((error: Error) => session.fail(error));
  if (session.chat.client.status === 'connected') fetch();
  else {
    const off = session.on('ready', () => {
      off();
      fetch();
    }); // later sessions: the feature fetches again itself
  }
}

/** Someone who is not a contact: a real account's address; a visitor's name, given with their presence or in their first message, or a made-up one. */
export function strangerName(session: ChatSession, summary: ConversationSummary, panel?: ChatPanel): string {
  const room = panel && roomPeerName(panel, summary.peer);
  if (room) return room;
  let label = labels.get(session);
  if (!label) labels.set(session, (label = strangerLabels()));
  return label(summary.peer, session.chat.strangers.name(summary.peer) ?? summary.context?.name);
}
/** Each session's visitors' labels, remembered: the list asks for all of them at each render. */
const labels = new WeakMap<ChatSession, ReturnType<typeof strangerLabels>>();

/** How often the desk's contact list is brought up to date while the inbox shows another view. */
const HIDDEN_LIST_REFRESH_MS = 1000;

interface ListedPeople {
  contacts: Contact[];
  conversations: readonly ConversationSummary[];
}
/** The contact list's people and conversations: on the desk, held while the inbox shows another view. */
const listInput = new HeldWhileHidden<ChatSession, ListedPeople>(HIDDEN_LIST_REFRESH_MS);

/** The contact list's people: the contacts, and the people we have talked with who are not contacts. */
function listedPeople(panel: ChatPanel, session: ChatSession): ListedPeople {
  // People we have talked with but who are not contacts (such as a site's visitors) are listed
  // too, by the name they gave (with their presence, or in their first message) or a made-up one.
  const known = new Set(session.contacts.map((c) => c.jid));
  // Rooms are listed apart; a private conversation with someone in a room is listed here.
  const others: Contact[] = session.conversations
    .filter((c) => !known.has(c.peer) && !isRoom(panel, c.peer))
    .map((c) => ({
      jid: c.peer,
      name: strangerName(session, c, panel),
      subscription: 'none',
      groups: [],
      presence: session.chat.strangers.presence(c.peer),
    }));
  return { contacts: [...session.contacts, ...others], conversations: session.conversations };
}

export function renderContacts(panel: ChatPanel, session: ChatSession) {
  // On the support desk the contacts are one of the inbox's views. While another view is shown the
  // list is off screen: it is given its people anew once a second rather than at each message (with
  // a thousand visitors, listing them all was most of the page's work), and at once when shown.
  const desk = deskOf(panel, session);
  const shown = !desk || desk.view === 'contacts';
  const { contacts, conversations } = listInput.get(
    session,
    shown,
    () => listedPeople(panel, session),
    () => panel.requestUpdate(),
  );
  const list = html`<xmpp-chat-contact-list class=${desk ? '' : 'contacts'} exportparts=${exportparts(PARTS.contactList)} lang=${panel.lang}
    .contacts=${contacts} .conversations=${conversations} .requests=${session.requests}
    .selected=${session.conversation.peer ?? ''} .avatars=${avatarsOf(
      session,
      () => panel.requestUpdate(),
      (e) => session.fail(e),
    )}
    @xmpp-chat-select=${(e: CustomEvent<{ jid: string }>) => panel.select(e.detail.jid)}
    @xmpp-chat-add-contact=${(e: CustomEvent<{ jid: string; name?: string }>) =>
      void session.chat.roster.add(e.detail.jid, e.detail.name).catch((error: Error) => session.fail(error))}
    @xmpp-chat-answer-request=${(e: CustomEvent<{ jid: string; accept: boolean }>) =>
      e.detail.accept ? session.chat.roster.approve(e.detail.jid) : session.chat.roster.deny(e.detail.jid)}
  ></xmpp-chat-contact-list>`;
  const rooms = renderRoomsGroup(panel, session);
  return desk ? renderInbox(panel, session, desk, html`${list}${rooms}`) : html`${list}${rooms}`;
}

/** Full mode: the agent's saved replies, above the composer: insert one, save the draft as one, delete one. */
export function renderReplies(panel: ChatPanel, session: ChatSession) {
  const replies = session.replies!;
  const composer = () => panel.renderRoot.querySelector('xmpp-chat-composer');
  return html`<div class="tools"><xmpp-chat-canned-replies exportparts=${exportparts(PARTS.cannedReplies)} lang=${panel.lang} .replies=${replies.replies}
    .draft=${panel.draft}
    @xmpp-chat-insert-reply=${(e: CustomEvent<{ text: string }>) => composer()?.insert(e.detail.text)}
    @xmpp-chat-save-reply=${(e: CustomEvent<{ title: string; text: string }>) => void replies.save(e.detail).catch((error: Error) => session.fail(error))}
    @xmpp-chat-delete-reply=${(e: CustomEvent<{ id: string }>) => void replies.remove(e.detail.id).catch((error: Error) => session.fail(error))}
  ></xmpp-chat-canned-replies></div>`;
}

/** Full mode: what the visitor told about themselves and where they write from, which the agent may fold away. */
export function renderDetails(panel: ChatPanel, context: VisitorContext | undefined) {
  const { session } = panel;
  const peer = session?.conversation.peer;
  return html`<details class="details" ?open=${panel.detailsOpen}
    @toggle=${(e: Event) => {
      panel.detailsOpen = (e.target as HTMLDetailsElement).open;
    }}>
    <summary>${t(panel.lang, 'visitor.details')}</summary>
    <xmpp-chat-visitor-details exportparts=${exportparts(PARTS.visitorDetails)} lang=${panel.lang} .context=${context}
      .client=${session?.chat.client}></xmpp-chat-visitor-details>
    ${session && peer ? renderDeskNotes(panel, session, peer) : nothing}
  </details>`;
}

/** Whether to offer turning desktop notifications on: the browser has them and has not been asked. */
const canAskForNotifications = (): boolean => notificationPermission(pageNotifications()) === 'default';

/** Asks for desktop notifications (from a click), then calls `done`. */
function askForNotifications(done: () => void): void {
  const asked = () => {
    forgetNotificationPermission(pageNotifications());
    done();
  };
  void Notification.requestPermission().then(asked, asked);
}

/** The header's offer to turn desktop notifications on, while the browser has not asked yet. */
export function renderNotificationsButton(panel: ChatPanel) {
  return canAskForNotifications()
    ? html`<button class="text" @click=${() => askForNotifications(() => panel.requestUpdate())}>${t(panel.lang, 'notifications.enable')}</button>`
    : nothing;
}
