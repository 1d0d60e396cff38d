import { css } from 'lit';

export const styles = css`
  :host { display: flex; flex-direction: column; flex: 1; min-block-size: 0; min-inline-size: 0; container: panel / inline-size; }
  * { box-sizing: border-box; }
  button { font: inherit; color: inherit; }
  .header {
    display: flex;
    align-items: center;
    gap: 10px;
    padding: 12px 14px;
    background: var(--xmpp-chat-accent, #2563eb);
    color: var(--xmpp-chat-accent-text, #ffffff);
  }
  .avatar {
    flex: none;
    display: grid;
    place-items: center;
    inline-size: 36px;
    block-size: 36px;
    border-radius: 50%;
    background: rgb(255 255 255 / 0.22);
    font-weight: 600;
  }
  .picture { flex: none; --xmpp-chat-avatar-size: 36px; --xmpp-chat-avatar-background: rgb(0 0 0 / 0.3); }
  .who { display: flex; flex-direction: column; flex: 1; min-inline-size: 0; }
  .name { font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .presence { font-size: 13px; }
  .presence::before {
    content: '';
    display: inline-block;
    inline-size: 8px;
    block-size: 8px;
    margin-inline-end: 6px;
    border-radius: 50%;
    background: #94a3b8;
  }
  .presence.online::before, .presence.chat::before { background: #22c55e; }
  .presence.away::before, .presence.xa::before { background: #f59e0b; }
  .presence.dnd::before { background: #ef4444; }
  button.icon, button.text {
    all: unset;
    display: inline-grid;
    place-items: center;
    min-inline-size: 32px;
    min-block-size: 32px;
    padding: 0 6px;
    border-radius: 8px;
    cursor: pointer;
  }
  button.text { text-decoration: underline; font-size: 14px; }
  button.icon:hover, button.text:hover { background: rgb(255 255 255 / 0.16); }
  button:focus-visible { outline: 2px solid currentColor; outline-offset: 2px; }
  .status { font-size: 14px; background: var(--xmpp-chat-bubble-in, #f1f5f9); color: var(--xmpp-chat-text, #0f172a); }
  .status .line:empty, .status.connected .line { display: none; }
  .status .line, .status .error { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; padding: 6px 14px; }
  .status .error { background: #fef2f2; color: #991b1b; }
  .status button.text:hover { background: rgb(15 23 42 / 0.08); }
  /* Visitor mode: the header's presence line and the first screen keep their space until the desk's presence is known. */
  .presence.unknown { visibility: hidden; }
  .first-screen { padding: 8px 14px; font-size: 14px; line-height: 1.4; border-block-end: 1px solid var(--xmpp-chat-border, #e2e8f0); }
  .welcome { margin: 0; font-weight: 600; }
  .first-screen .reserved, xmpp-chat-first-screen { min-block-size: calc(3 * 1.4em); }
  .body { display: flex; flex: 1; min-block-size: 0; container-type: inline-size; }
  /* Files dragged over the conversation: it shows where they go. */
  .conversation.dropping { outline: 2px dashed var(--xmpp-chat-accent, #2563eb); outline-offset: -6px; }
  .conversation { display: flex; flex-direction: column; flex: 1; min-inline-size: 0; min-block-size: 0; }
  .conversation.empty { display: grid; place-items: center; color: var(--xmpp-chat-muted, #475569); }
  xmpp-chat-message-list { flex: 1; min-block-size: 0; }
`;
