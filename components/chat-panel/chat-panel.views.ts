/** The parts of the panel: header, status line, contacts and the open conversation. */
import { html, nothing } from 'lit';
import type { ChatSession } from '../controllers/chat-session.ts';

import { t } from '../i18n/i18n.ts';
import type { XmppChatComposer } from '../composer/composer.ts';
import type { XmppChatEvents } from '../events.ts';
import { PARTS, exportparts } from '../parts.ts';
import type { ChatPanel } from './chat-panel.ts';
import type { ConversationActions } from './conversation-actions.ts';
import { avatarsOf, hasPicture } from './panel-avatars.ts';

export function renderHeader(panel: ChatPanel, needsLogin: boolean) {
  const { lang, session, config } = panel;
  const full = config.mode === 'full';
  const peer = full ? session?.conversation.peer : config.to;
  const contact = peer ? session?.contacts.find((c) => c.jid === peer) : undefined;
  const site = config.heading || contact?.name || t(lang, 'panel.title');
  // A visitor sees who is answering: the name the latest agent's message carries (XEP-0172).
  const messages = full ? [] : (session?.conversation.messages ?? []);
  let agent: string | undefined;
  for (let i = messages.length - 1; i >= 0 && !agent; i--) if (messages[i].direction === 'in') agent = messages[i].nick;
  const name = full
    ? (session?.chat.client.jid?.split('/')[0] ?? config.heading ?? t(lang, 'panel.title'))
    : agent
      ? `${agent} · ${site}`
      : site;
  // A visitor learns the support address's presence once connected; before that it is unknown.
  const known = full ? !!contact : session?.status === 'connected' && session.availabilityKnown;
  const presence = peer && session && known ? session.availability(peer) : undefined;
  return html`<header part="header" class="header">
    ${full && panel.view === 'conversation' && session ? panel.full?.renderBackButton(panel) : nothing}
    ${renderPicture(panel, full, full ? name : peer, name)}
    <span class="who">
      <span class="name" dir="auto">${name}</span>
      ${presence ? html`<span class="presence ${presence}">${t(lang, `presence.${presence}` as 'presence.online')}</span>` : full ? nothing : html`<span class="presence unknown" aria-hidden="true">&nbsp;</span>`}
    </span>
    ${full && !needsLogin && session ? [panel.full?.renderNotificationsButton(panel), panel.full?.renderAccountButtons(panel)] : nothing}
    ${session && peer && panel.encryption ? panel.encryption.renderHeaderButton(panel, peer) : nothing}
    ${
      session && peer && messages.length
        ? html`<button class="icon" part="transcript-button" aria-label=${t(lang, 'panel.transcript')} title=${t(lang, 'panel.transcript')}
          @click=${() => {
            // The transcript's code loads when the visitor first asks for it.
            import('../transcript/visitor-transcript.ts')
              .then((module) => module.saveConversation(session.chat, peer, site, lang))
              .catch((error: Error) => panel.report(error));
          }}><svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20"><path d="M12 4v11m-5-5l5 5 5-5M5 20h14" stroke="currentColor" stroke-width="2" fill="none" stroke-linecap="round"/></svg></button>`
        : nothing
    }
    ${
      full
        ? nothing
        : html`<button class="icon" @click=${() => panel.closeRequested()} aria-label=${t(lang, 'panel.close')}>
          <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20"><path d="M6 6l12 12M18 6L6 18" stroke="currentColor" stroke-width="2" stroke-linecap="round"/></svg></button>`
    }
  </header>`;
}

/**
 * The header's picture: one's own in full mode (with full mode's views: not while signing in), else
 * the desk's once its presence says it has one.
 */
function renderPicture(panel: ChatPanel, full: boolean, jid: string | undefined, name: string) {
  const { session } = panel;
  const avatars =
    session && jid && (full ? panel.full : hasPicture(session, jid))
      ? avatarsOf(
          session,
          () => panel.requestUpdate(),
          (e) => panel.report(e),
        )
      : undefined;
  if (!avatars) return html`<span class="avatar" aria-hidden="true">${(name.trim()[0] ?? '?').toUpperCase()}</span>`;
  const picture = html`<xmpp-chat-avatar exportparts="avatar" class="picture" .avatars=${avatars} jid=${jid} name=${name} decorative></xmpp-chat-avatar>`;
  return full ? (panel.full?.renderPictureButton(panel, avatars, jid!, name) ?? picture) : picture;
}

export function renderStatus(panel: ChatPanel, session: ChatSession) {
  const { lang } = panel;
  const { status, retryInMs, error } = session;
  const words =
    status === 'connecting'
      ? t(lang, 'status.connecting')
      : status === 'reconnecting'
        ? retryInMs && retryInMs >= 1000
          ? t(lang, 'status.reconnecting-in', { seconds: Math.round(retryInMs / 1000) })
          : t(lang, 'status.reconnecting')
        : status === 'disconnected'
          ? t(lang, 'status.offline')
          : '';
  return html`<div part="status" class="status ${status}">
    <div role="status" class="line">${words}
      ${status === 'disconnected' ? html`<button class="text" @click=${() => void session.connect()}>${t(lang, 'status.retry')}</button>` : nothing}
    </div>
    ${
      error
        ? html`<div role="alert" class="error">${t(lang, error.key, { message: error.message })}
      <button class="text" @click=${() => session.dismissError()}>${t(lang, 'error.dismiss')}</button></div>`
        : nothing
    }
  </div>`;
}

type FirstScreen = typeof import('../first-screen/render.ts');
/** The first screen's code, loaded once the first desk's presence is known (it shows nothing before). */
let firstScreen: FirstScreen | undefined;
let firstScreenLoad: Promise<unknown> | undefined;

/**
 * Visitor mode: the first screen — the welcome line at once; who is there, the greeting or away
 * message, the reply time or next opening once the desk's presence is known. Their space is
 * kept until then, so nothing below moves when they come.
 */
export function renderAvailability(panel: ChatPanel, session: ChatSession) {
  const { lang, config } = panel;
  if (config.mode === 'full' || !config.to) return nothing;
  // While reconnecting, nobody's presence is known: the space is kept rather than saying nobody is there.
  const known = session.status === 'connected' && session.availabilityKnown;
  if (known) {
    firstScreenLoad ??= import('../first-screen/render.ts').then(
      (module) => {
        firstScreen = module;
        panel.requestUpdate();
      },
      (error: Error) => panel.report(error),
    );
  }
  const screen = known && firstScreen?.renderFirstScreen(panel, session);
  return html`<div class="first-screen">
    <p part="welcome" class="welcome" dir="auto">${config.welcome || t(lang, 'availability.welcome')}</p>
    ${screen || html`<div class="reserved" aria-hidden="true"></div>`}
  </div>`;
}

/** The name of `peer` in messages and notifications. */
export function peerName(panel: ChatPanel, session: ChatSession, peer: string): string {
  const contact = session.contacts.find((c) => c.jid === peer);
  if (contact?.name) return contact.name;
  const summary = panel.config.mode === 'full' && !contact ? session.conversations.find((c) => c.peer === peer) : undefined;
  const other = summary ? panel.full?.strangerName(session, summary, panel) : panel.config.mode === 'full' ? '' : panel.config.heading;
  return other || peer.split('@')[0];
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
  const { actions } = panel;
  // A private conversation with someone in a room goes through the room.
  const privately = full ? panel.full?.privateSend(panel, peer) : undefined;
  const act = (work: (a: ConversationActions) => void) => () => panel.act(work);
  // Until the actions' code is there (its own drop handling with it), files dropped here are taken.
  const drag = (e: DragEvent) => {
    if (actions || !e.dataTransfer?.types.includes('Files')) return;
    e.preventDefault();
    const files = e.type === 'drop' ? [...e.dataTransfer.files] : [];
    panel.act((a) => files.length && a.attach(files));
  };
  return html`<section class="conversation ${actions?.drop.hint ? 'dropping' : ''}" @dragover=${drag} @drop=${drag}>
    ${full ? panel.full?.renderDeskBar(panel, session, peer) : nothing}
    ${full && (context || !contact) ? panel.full?.renderDetails(panel, context) : nothing}
    ${panel.encryption?.renderNotices(panel, session, peer)}
    <xmpp-chat-message-list exportparts=${exportparts(PARTS.messageList)} lang=${lang} .messages=${view.messages} .hasOlder=${view.hasOlder}
      .loadingOlder=${view.loadingOlder} .historyStart=${view.historyStart} .peerTyping=${view.peerTyping}
      .peerName=${peerName(panel, session, peer)} ?ratable=${!full} .mark=${panel.encryption?.mark} .self=${session.chat.client.jid?.split('/')[0] ?? ''}
      @xmpp-chat-react=${(e: CustomEvent<XmppChatEvents['xmpp-chat-react']>) => panel.act((a) => a.listEvents.react(e))}
      @xmpp-chat-retract=${(e: CustomEvent<XmppChatEvents['xmpp-chat-retract']>) => panel.act((a) => a.listEvents.retract(e))}
      @xmpp-chat-reply-to=${(e: CustomEvent<XmppChatEvents['xmpp-chat-reply-to']>) => panel.act((a) => a.listEvents.replyTo(e))}
      @xmpp-chat-edit=${(e: CustomEvent<XmppChatEvents['xmpp-chat-edit']>) => panel.act((a) => a.listEvents.edit(e))}
      @xmpp-chat-rate=${(e: CustomEvent<XmppChatEvents['xmpp-chat-rate']>) => void session.chat.send(peer, e.detail.body, { rating: e.detail })}
      @xmpp-chat-load-older=${() => void view.loadOlder()}
      @xmpp-chat-retry=${(e: CustomEvent<{ key: string }>) => void session.chat.messaging.retry(peer, e.detail.key)}
      @xmpp-chat-seen=${() => {
        if (panel.active) view.markRead();
      }}></xmpp-chat-message-list>
    ${actions?.renderTray(peer)}
    ${full && session.replies ? panel.full?.renderReplies(panel, session) : nothing}
    ${
      !full && panel.intake.needsForm()
        ? renderPrechat(panel)
        : html`<xmpp-chat-composer exportparts=${exportparts(PARTS.composer)} lang=${lang} .draftKey=${peer}
      .replyingTo=${actions?.replyingTo} .editing=${actions?.editing}
      @xmpp-chat-send=${(e: CustomEvent<XmppChatEvents['xmpp-chat-send']>) =>
        privately ? privately(e.detail.body) : actions ? actions.send(e.detail) : void session.send(e.detail.body, peer)}
      @xmpp-chat-attach=${(e: CustomEvent<{ files: File[] }>) => panel.act((a) => a.attach(e.detail.files))}
      @xmpp-chat-edit-last=${act((a) => a.editLast())}
      @xmpp-chat-reply-cancel=${act((a) => a.cancel())} @xmpp-chat-edit-cancel=${act((a) => a.cancel())}
      @xmpp-chat-typing=${(e: CustomEvent<{ typing: boolean }>) => {
        session.chat.chatStates.typing(peer, e.detail.typing);
        if (full) panel.draft = (e.target as XmppChatComposer).value;
      }}
    ></xmpp-chat-composer>`
    }
  </section>`;
}

/** Visitor mode: the pre-chat form, in place of the composer until it is answered. */
function renderPrechat(panel: ChatPanel) {
  const { prechat = [], prechatRequired = [] } = panel.config;
  return html`<xmpp-chat-prechat-form exportparts=${exportparts(PARTS.prechatForm)} lang=${panel.lang}
    .fields=${prechat} .required=${prechatRequired} .values=${panel.intake.visitor()}
    @xmpp-chat-prechat=${(e: CustomEvent<{ name?: string; email?: string }>) => panel.prechatAnswered(e.detail)}></xmpp-chat-prechat-form>`;
}
