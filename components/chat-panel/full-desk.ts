/**
 * Full mode's team desk in the panel: made once the agent is signed in (the account's resource
 * may be the agent's name), with its inbox, the open conversation's bar and notes, and the
 * agent's keys. Part of the full-mode chunk: a visitor's widget never loads it.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { parseJid, type ConversationSummary } from '../../src/index.ts';
import { createDesk } from '../../src/desk.ts';
import { AgentKeys, type AgentAction } from '../controllers/agent-keys.ts';
import type { ChatSession } from '../controllers/chat-session.ts';
import { DeskSession, type InboxView } from '../controllers/desk-session.ts';
import { strangerLabels } from '../controllers/visitor-names.ts';
import type { XmppChatDeskInbox } from '../desk-inbox/desk-inbox.ts';
import { t } from '../i18n/i18n.ts';
import type { XmppChatKeyboardHelp } from '../keyboard-help/keyboard-help.ts';
import { exportparts } from '../parts.ts';
import { DESK_PARTS, passOnDeskParts } from './desk-parts.ts';
import type { ChatPanel } from './chat-panel.ts';
import { saveAgentTranscript } from '../desk-conversation-bar/desk-transcript.ts';
import { renderDeskSearch } from '../desk-search/render-desk-search.ts';
import { renderOfficeHoursEditor } from '../office-hours-editor/render.ts';
import '../desk-inbox/desk-inbox.ts';
import { isRoom } from './rooms-entry.ts';
import '../desk-conversation-bar/desk-conversation-bar.ts';
import '../desk-notes/desk-notes.ts';
import '../keyboard-help/keyboard-help.ts';

interface Attached {
  session: ChatSession;
  desk: DeskSession;
  keys: AgentKeys;
  off: () => void;
}

const attached = new WeakMap<ChatPanel, Attached>();

/**
 * The panel's layout with the bar above the messages: where the visitor details are a column of
 * their own, the messages keep the row that grows. Adopted by the panel when the desk is made.
 */
const layout = css`
  /* Above the messages, the details and notes take at most a third, scrolling: the messages stay in view. */
  .full .conversation:has(> xmpp-chat-desk-conversation-bar) > .details { max-block-size: 33%; overflow-y: auto; }
  @container (min-width: 1000px) {
    .full .conversation:has(> xmpp-chat-desk-conversation-bar) { grid-template-rows: auto 1fr auto; }
    .full .conversation:has(> xmpp-chat-desk-conversation-bar) > .details { max-block-size: none; }
  }
  .details xmpp-chat-desk-notes { border-block-start: 1px solid var(--xmpp-chat-border, #e2e8f0); }
  .desk-settings { border-block-start: 1px solid var(--xmpp-chat-border, #e2e8f0); font-size: 14px; }
  .desk-settings summary { display: flex; align-items: center; min-block-size: 32px; cursor: pointer; font-weight: 600; }
  .desk-settings summary::before { content: '▸'; margin-inline-end: 6px; }
  .desk-settings[open] summary::before { content: '▾'; }
  .desk-settings summary:focus-visible { outline: 2px solid var(--xmpp-chat-accent, #2563eb); outline-offset: 2px; }
`;

/** The agent's name: from the login form or `agent-name`, else the resource signed in with, else "Agent". */
function agentName(panel: ChatPanel, session: ChatSession, jid: string): string {
  const named = (config: object) => {
    const name = (config as { agentName?: unknown }).agentName;
    return typeof name === 'string' ? name.trim() : '';
  };
  return named(session.config) || named(panel.config) || parseJid(jid)?.resource || 'Agent';
}

/** The panel's desk for `session`, made with it. */
export function deskOf(panel: ChatPanel, session: ChatSession): DeskSession | undefined {
  const current = attached.get(panel);
  if (current?.session === session) return current.desk;
  detachDesk(panel);
  // Made with the session, before it connects: the inbox (and the contact list inside it) is the
  // same element from the first paint, so nothing typed into it is lost when the session comes.
  const jid = session.chat.client.jid ?? session.config.jid ?? '';
  const agent = agentName(panel, session, jid);
  const label = strangerLabels();
  const desk = new DeskSession({
    desk: createDesk({
      client: session.chat.client,
      agent,
      store: session.chat.store,
      // In the agent's language: the visitor's is not known for sure.
      askRating: (peer) =>
        session.chat.send(peer, t(panel.lang, 'desk.rate-request'), { rateRequest: true }).catch((error: Error) => session.fail(error)),
    }),
    host: session,
    // A real account by its address; a visitor by the name they gave, or a made-up one.
    name: (peer, summary?: ConversationSummary) => label(peer, session.chat.strangers.name(peer) ?? summary?.context?.name),
    // Rooms, and private conversations with someone in a room (`room/nick`), are not visitors'.
    notVisitor: (peer) => peer.includes('/') || isRoom(panel, peer),
  });
  passOnDeskParts(panel);
  const keys = new AgentKeys(panel, (action) => runKey(panel, session, desk, action));
  const onTyping = (event: CustomEvent<{ typing: boolean }>) => {
    const peer = session.conversation.peer;
    if (peer && isVisitor(session, peer)) desk.typing(peer, event.detail.typing);
  };
  const root = panel.renderRoot;
  root.addEventListener('xmpp-chat-typing', onTyping as EventListener);
  const sheet = layout.styleSheet;
  if (sheet && root instanceof ShadowRoot && !root.adoptedStyleSheets.includes(sheet))
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  attached.set(panel, { session, desk, keys, off: () => root.removeEventListener('xmpp-chat-typing', onTyping as EventListener) });
  return desk;
}

/** Lets go of the panel's desk: its session ended or was replaced. */
export function detachDesk(panel: ChatPanel): void {
  const current = attached.get(panel);
  if (!current) return;
  attached.delete(panel);
  current.off();
  current.keys.dispose();
  current.desk.close();
}

const isVisitor = (session: ChatSession, peer: string) => !session.contacts.some((c) => c.jid === peer);

/** The inbox, with the contact list as its Contacts view, and the keyboard help. */
export function renderInbox(panel: ChatPanel, session: ChatSession, desk: DeskSession, contacts: TemplateResult) {
  return html`<xmpp-chat-desk-inbox class="contacts" exportparts=${exportparts(DESK_PARTS.deskInbox)} lang=${panel.lang}
      .rows=${desk.rows} .agent=${desk.agent} .view=${desk.view} .average=${desk.desk.averageRating()}
      .selected=${session.conversation.peer ?? ''}
      @xmpp-chat-select=${(e: CustomEvent<{ jid: string }>) => {
        // The contacts and the search inside it open what they choose themselves.
        if (e.target === e.currentTarget) panel.select(e.detail.jid);
      }}
      @xmpp-chat-inbox-view=${(e: CustomEvent<{ view: InboxView }>) => {
        desk.view = e.detail.view;
        panel.requestUpdate();
      }}
      @xmpp-chat-keyboard-help=${() => void keyboardHelp(panel)?.show()}
    >${contacts}
      <div slot="search">${renderDeskSearch({
        store: session.chat.store,
        lang: panel.lang,
        peerName: (peer) => session.contacts.find((c) => c.jid === peer)?.name || desk.name(peer),
        onSelect: (jid) => panel.select(jid),
        onError: (error) => session.fail(error),
      })}</div>
      <details slot="settings" class="desk-settings">
        <summary>${t(panel.lang, 'hours.title')}</summary>
        ${renderOfficeHoursEditor(panel, session)}
      </details>
    </xmpp-chat-desk-inbox>
    <xmpp-chat-keyboard-help exportparts=${exportparts(DESK_PARTS.keyboardHelp)} lang=${panel.lang}></xmpp-chat-keyboard-help>`;
}

/** The open conversation's bar: who has it, its status, the visitor's rating, teammates on it. */
export function renderDeskBar(panel: ChatPanel, session: ChatSession, peer: string) {
  const desk = attached.get(panel)?.desk;
  if (!desk || !isVisitor(session, peer)) return nothing;
  const notice = desk.notice(peer);
  const { viewing, typing } = desk.teammatesOn(peer);
  return html`<xmpp-chat-desk-conversation-bar exportparts=${exportparts(DESK_PARTS.deskBar)} lang=${panel.lang}
    .conversation=${desk.state(peer)} .agent=${desk.agent} .assignees=${desk.assignees()} .viewing=${viewing} .typing=${typing}
    .notice=${notice ? t(panel.lang, notice.key, notice.params) : ''}
    @xmpp-chat-desk-claim=${() => void desk.claim(peer)}
    @xmpp-chat-desk-assign=${(e: CustomEvent<{ agent?: string; note?: string }>) => void desk.assign(peer, e.detail.agent, e.detail.note)}
    @xmpp-chat-desk-status=${(e: CustomEvent<{ status: 'open' | 'pending' | 'resolved' }>) => void desk.setStatus(peer, e.detail.status)}
    @xmpp-chat-desk-dismiss=${() => desk.dismissNotice(peer)}
    .transcripts=${true}
    @xmpp-chat-transcript=${(e: CustomEvent<{ format: 'txt' | 'html' }>) =>
      void saveAgentTranscript({
        chat: session.chat,
        peer,
        visitor: desk.name(peer),
        agent: desk.agent,
        lang: panel.lang,
        format: e.detail.format,
      }).catch((error: Error) => session.fail(error))}
  ></xmpp-chat-desk-conversation-bar>`;
}

/** The open conversation's private notes and labels. */
export function renderDeskNotes(panel: ChatPanel, session: ChatSession, peer: string) {
  const desk = attached.get(panel)?.desk;
  if (!desk || !isVisitor(session, peer)) return nothing;
  return html`<xmpp-chat-desk-notes exportparts=${exportparts(DESK_PARTS.deskNotes)} lang=${panel.lang}
    .notes=${desk.notes(peer)} .labels=${desk.state(peer).labels} .suggestions=${desk.labelsInUse()}
    @xmpp-chat-desk-note=${(e: CustomEvent<{ text: string }>) => void desk.addNote(peer, e.detail.text)}
    @xmpp-chat-desk-labels=${(e: CustomEvent<{ labels: string[] }>) => void desk.setLabels(peer, e.detail.labels)}
  ></xmpp-chat-desk-notes>`;
}

const inbox = (panel: ChatPanel) => panel.renderRoot.querySelector<XmppChatDeskInbox>('xmpp-chat-desk-inbox');
const keyboardHelp = (panel: ChatPanel) => panel.renderRoot.querySelector<XmppChatKeyboardHelp>('xmpp-chat-keyboard-help');

function runKey(panel: ChatPanel, session: ChatSession, desk: DeskSession, action: AgentAction): void {
  const peer = session.conversation.peer;
  const open = (next: string | undefined) => {
    if (next) panel.select(next);
  };
  const visitor = peer && isVisitor(session, peer) ? peer : undefined;
  switch (action) {
    case 'next':
    case 'previous':
      return open(desk.neighbour(peer, action === 'next' ? 1 : -1));
    case 'next-unassigned':
      return open(desk.nextUnassigned(peer));
    case 'claim':
      return void (visitor && desk.claim(visitor));
    case 'resolve':
      return void (visitor && desk.setStatus(visitor, 'resolved'));
    case 'help':
      return void keyboardHelp(panel)?.show();
    case 'search':
      return void focusSearch(panel, desk);
  }
}

/** The inbox's search field; without one, the contacts' search. */
async function focusSearch(panel: ChatPanel, desk: DeskSession): Promise<void> {
  panel.view = 'contacts';
  if (inbox(panel)?.focusSearch()) return;
  desk.view = 'contacts';
  panel.requestUpdate();
  await panel.updateComplete;
  const list = panel.renderRoot.querySelector('xmpp-chat-contact-list');
  await list?.updateComplete;
  list?.renderRoot.querySelector<HTMLElement>('[part~="search"]')?.focus();
}
