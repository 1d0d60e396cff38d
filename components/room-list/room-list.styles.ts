import { css } from 'lit';
import { controls, ownText, srOnly } from '../shared.styles.ts';

export const styles = css`
  :host { display: block; }
  .rooms { display: flex; flex-direction: column; gap: 6px; padding: 8px; ${ownText} }
  *, *::before, *::after { box-sizing: border-box; }
  ${srOnly}
  ${controls}
  h2, p, ul { margin: 0; padding: 0; }
  ul { list-style: none; display: flex; flex-direction: column; gap: 2px; }
  .head { display: flex; align-items: center; gap: 8px; }
  h2 { flex: 1; font-size: 15px; font-weight: 600; }
  .head button { font-size: 13px; }
  .empty { color: var(--xmpp-chat-muted, #475569); font-size: 14px; }
  .row {
    display: flex;
    align-items: center;
    gap: 6px;
    inline-size: 100%;
    min-block-size: 36px;
    padding-inline: 8px;
    border: 1px solid transparent;
    background: none;
    text-align: start;
  }
  .row:hover { background: var(--xmpp-chat-bubble-in, #f1f5f9); }
  .row[aria-current='true'] { background: var(--xmpp-chat-bubble-in, #f1f5f9); font-weight: 600; border-inline-start: 3px solid var(--xmpp-chat-accent, #2563eb); }
  button:focus-visible { outline: 2px solid var(--xmpp-chat-accent, #2563eb); outline-offset: 1px; }
  .hash { color: var(--xmpp-chat-muted, #475569); }
  .name { flex: 1; min-inline-size: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .state { font-size: 12px; color: var(--xmpp-chat-muted, #475569); }
  .state.failed { color: #b91c1c; }
  .badge, .mention {
    flex: none;
    min-inline-size: 20px;
    padding: 1px 6px;
    border-radius: 999px;
    font-size: 12px;
    font-weight: 600;
    text-align: center;
    background: var(--xmpp-chat-accent, #2563eb);
    color: var(--xmpp-chat-accent-text, #fff);
  }
  .mention { background: #b91c1c; color: #fff; }
  .invitations { gap: 6px; }
  .invitation { display: flex; flex-direction: column; gap: 6px; padding: 8px; border: 1px solid var(--xmpp-chat-border, #e2e8f0); border-radius: var(--xmpp-chat-radius, 12px); }
  .invitation p { overflow-wrap: anywhere; }
  .reason { color: var(--xmpp-chat-muted, #475569); font-size: 14px; }
  .buttons { display: flex; gap: 6px; }
  button.primary { border-color: var(--xmpp-chat-accent, #2563eb); background: var(--xmpp-chat-accent, #2563eb); color: var(--xmpp-chat-accent-text, #fff); }
`;
