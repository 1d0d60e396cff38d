import { css } from 'lit';
import { ownText } from '../shared.styles.ts';

export const styles = css`
  :host { display: block; }
  [part~='visitor-details'] { padding: 12px 14px; ${ownText} font-size: 14px; display: grid; gap: 8px; }
  dl { margin: 0; display: grid; gap: 6px; }
  .row { display: grid; grid-template-columns: minmax(80px, max-content) 1fr auto; gap: 8px; align-items: baseline; }
  dt { color: var(--xmpp-chat-muted, #475569); }
  dd { margin: 0; min-inline-size: 0; }
  .value { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  /* A label, not a value: small, and never cut off by a long value beside it. */
  .trust { font-size: 12px; color: var(--xmpp-chat-muted, #475569); }
  .trust.verified { color: var(--xmpp-chat-text, #0f172a); font-weight: 600; }
  .trust.verified::before { content: '✓ '; }
  p { margin: 0; }
  .badge { font-weight: 600; overflow-wrap: anywhere; }
  .badge::before { content: '✓ '; }
  .warning { color: var(--xmpp-chat-danger, #dc2626); font-weight: 600; }
  .warning::before { content: '⚠ '; }
  .note, .none { color: var(--xmpp-chat-muted, #475569); }
  a { color: var(--xmpp-chat-accent, #2563eb); }
  a:focus-visible, summary:focus-visible { outline: 2px solid var(--xmpp-chat-accent, #2563eb); outline-offset: 2px; }
  .settings { border-block-start: 1px solid var(--xmpp-chat-border, #e2e8f0); padding-block-start: 8px; }
  summary { cursor: pointer; color: var(--xmpp-chat-muted, #475569); }
  xmpp-chat-desk-settings { margin-block-start: 8px; }
`;
