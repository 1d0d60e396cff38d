/** The parts of the panel: header, status line, contacts and the open conversation. */
import { html, nothing } from 'lit';
import type { Contact, ConversationSummary, VisitorContext } from '../../src/index.ts';
import type { ChatSession } from '../controllers/chat-session.ts';
import { visitorName } from '../controllers/visitor-names.ts';
import { t } from '../i18n/i18n.ts';
import type { ChatPanel } from './chat-panel.ts';

const LIST_PARTS = 'message-list, message, message-in, message-out, message-body, message-meta, message-error, message-note, retry-button, '
  + 'day-separator, loading-row, history-start, empty, typing, jump-button';
const CONTACT_PARTS = 'contact-list, contact, contact-selected, presence, unread-count, search, requests, add-button, add-form';

export function renderHeader(panel: ChatPanel, needsLogin: boolean) {
  const { lang, session, config } = panel;
  const full = config.mode === 'full';
  const peer = full ? session?.conversation.peer : config.to;
  const contact = peer ? session?.contacts.find((c) => c.jid === peer) : undefined;
  const name = full ? (session?.chat.client.jid?.split('/')[0] ?? config.heading ?? t(lang, 'panel.title'))
    : (config.heading || contact?.name || t(lang, 'panel.title'));
  // A visitor learns the support address's presence once connected; before that it is unknown.
  const known = full ? !!contact : session?.status === 'connected' && session.availabilityKnown;
  const presence = peer && session && known ? session.availability(peer) : undefined;
  return html`<header part="header" class="header">
    ${full && panel.view === 'conversation' && session
      ? html`<button class="icon back" @click=${() => { panel.view = 'contacts'; }} aria-label=${t(lang, 'panel.back')}>
          <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20"><path d="M15 5l-7 7 7 7" stroke="currentColor" stroke-width="2" fill="none"/></svg></button>`
      : nothing}
    <span class="avatar" aria-hidden="true">${(name.trim()[0] ?? '?').toUpperCase()}</span>
    <span class="who">
      <span class="name" dir="auto">${name}</span>
      ${presence ? html`<span class="presence ${presence}">${t(lang, `presence.${presence}` as 'presence.online')}</span>` : nothing}
    </span>
    ${full && !needsLogin && session
      ? html`<button class="text" @click=${() => panel.logout()}>${t(lang, 'panel.logout')}</button>` : nothing}
    ${full ? nothing
      : html`<button class="icon" @click=${() => panel.closeRequested()} aria-label=${t(lang, 'panel.close')}>
          <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20"><path d="M6 6l12 12M18 6L6 18" stroke="currentColor" stroke-width="2" stroke-linecap="round"/></svg></button>`}
  </header>`;
}

export function renderStatus(panel: ChatPanel, session: ChatSession) {
  const { lang } = panel;
  const { status, retryInMs, error } = session;
  const words = status === 'connecting' ? t(lang, 'status.connecting')
    : status === 'reconnecting' ? (retryInMs && retryInMs >= 1000
      ? t(lang, 'status.reconnecting-in', { seconds: Math.round(retryInMs / 1000) }) : t(lang, 'status.reconnecting'))
    : status === 'disconnected' ? t(lang, 'status.offline') : '';
  return html`<div part="status" class="status ${status}">
    <div role="status" class="line">${words}
      ${status === 'disconnected' ? html`<button class="text" @click=${() => void session.connect()}>${t(lang, 'status.retry')}</button>` : nothing}
    </div>
    ${error ? html`<div role="alert" class="error">${t(lang, error.key, { message: error.message })}
      <button class="text" @click=${() => session.dismissError()}>${t(lang, 'error.dismiss')}</button></div>` : nothing}
  </div>`;
}

/** Visitor mode: whether someone is there, in the site's words or ours. */
export function renderAvailability(panel: ChatPanel, session: ChatSession) {
  const { lang, config } = panel;
  if (config.mode === 'full' || !config.to || session.status !== 'connected' || !session.availabilityKnown) return nothing;
  const online = session.availability(config.to) !== 'offline';
  const text = online ? config.greeting || t(lang, 'availability.greeting') : config.awayMessage || t(lang, 'availability.away');
  return html`<p part="availability" class="availability ${online ? 'online' : 'offline'}" dir="auto">${text}</p>`;
}

export function renderContacts(panel: ChatPanel, session: ChatSession) {
  // People we have talked with but who are not contacts (such as a site's visitors) are listed
  // too, by the name they gave (with their presence, or in their first message) or a made-up one.
  const known = new Set(session.contacts.map((c) => c.jid));
  const others: Contact[] = session.conversations.filter((c) => !known.has(c.peer))
    .map((c) => ({
      jid: c.peer, name: strangerName(session, c),
      subscription: 'none', groups: [], presence: session.chat.strangers.presence(c.peer),
    }));
  return html`<xmpp-chat-contact-list class="contacts" exportparts=${CONTACT_PARTS} lang=${panel.lang}
    .contacts=${[...session.contacts, ...others]} .conversations=${session.conversations} .requests=${session.requests}
    .selected=${session.conversation.peer ?? ''}
    @xmpp-chat-select=${(e: CustomEvent<{ jid: string }>) => panel.select(e.detail.jid)}
    @xmpp-chat-add-contact=${(e: CustomEvent<{ jid: string; name?: string }>) =>
      void session.chat.roster.add(e.detail.jid, e.detail.name).catch((error: Error) => session.fail(error))}
    @xmpp-chat-answer-request=${(e: CustomEvent<{ jid: string; accept: boolean }>) =>
      (e.detail.accept ? session.chat.roster.approve(e.detail.jid) : session.chat.roster.deny(e.detail.jid))}
  ></xmpp-chat-contact-list>`;
}

/** How someone who is not a contact is called: the name they gave, with their presence or in their first message, or a made-up one. */
function strangerName(session: ChatSession, summary: ConversationSummary): string {
  return session.chat.strangers.name(summary.peer) ?? summary.context?.name ?? visitorName(summary.peer);
}

export function renderConversation(panel: ChatPanel, session: ChatSession) {
  const { lang } = panel;
  const view = session.conversation;
  const peer = view.peer;
  if (!peer) return html`<div class="conversation empty"><p>${t(lang, 'contacts.choose')}</p></div>`;
  const contact = session.contacts.find((c) => c.jid === peer);
  const full = panel.config.mode === 'full';
  const summary = session.conversations.find((c) => c.peer === peer);
  const context = summary?.context;
  return html`<section class="conversation">
    ${full && (context || !contact) ? renderDetails(panel, context) : nothing}
    <xmpp-chat-message-list exportparts=${LIST_PARTS} lang=${lang} .messages=${view.messages} .hasOlder=${view.hasOlder}
      .loadingOlder=${view.loadingOlder} .historyStart=${view.historyStart} .peerTyping=${view.peerTyping}
      .peerName=${contact?.name || (full && summary && !contact ? strangerName(session, summary) : panel.config.heading) || peer.split('@')[0]}
      @xmpp-chat-load-older=${() => void view.loadOlder()}
      @xmpp-chat-retry=${(e: CustomEvent<{ key: string }>) => void session.chat.messaging.retry(peer, e.detail.key)}
      @xmpp-chat-seen=${() => { if (panel.active) view.markRead(); }}></xmpp-chat-message-list>
    ${!full && panel.intake.needsForm() ? renderPrechat(panel) : html`<xmpp-chat-composer exportparts="composer, input, send-button" lang=${lang} .draftKey=${peer}
      @xmpp-chat-send=${(e: CustomEvent<{ body: string }>) => void session.send(e.detail.body, peer)}
      @xmpp-chat-typing=${(e: CustomEvent<{ typing: boolean }>) => session.chat.chatStates.typing(peer, e.detail.typing)}
    ></xmpp-chat-composer>`}
  </section>`;
}

/** Visitor mode: the pre-chat form, in place of the composer until it is answered. */
function renderPrechat(panel: ChatPanel) {
  const { prechat = [], prechatRequired = [] } = panel.config;
  return html`<xmpp-chat-prechat-form exportparts="prechat-form, prechat-input, prechat-submit" lang=${panel.lang}
    .fields=${prechat} .required=${prechatRequired} .values=${panel.intake.visitor()}
    @xmpp-chat-prechat=${(e: CustomEvent<{ name?: string; email?: string }>) => panel.prechatAnswered(e.detail)}></xmpp-chat-prechat-form>`;
}

/** Full mode: what the visitor told about themselves and where they write from, which the agent may fold away. */
function renderDetails(panel: ChatPanel, context: VisitorContext | undefined) {
  return html`<details class="details" ?open=${panel.detailsOpen}
    @toggle=${(e: Event) => { panel.detailsOpen = (e.target as HTMLDetailsElement).open; }}>
    <summary>${t(panel.lang, 'visitor.details')}</summary>
    <xmpp-chat-visitor-details exportparts="visitor-details" lang=${panel.lang} .context=${context}></xmpp-chat-visitor-details>
  </details>`;
}
