import { css } from 'lit';
import { ownText } from '../shared.styles.ts';

export const styles = css`
  :host { display: block; }
  [part~='visitor-details'] { padding: 12px 14px; ${ownText} font-size: 14px; }
  dl { margin: 0; display: grid; gap: 6px; }
  .row { display: grid; grid-template-columns: minmax(80px, max-content) 1fr; gap: 8px; }
  dt { color: var(--xmpp-chat-muted, #475569); }
  dd { margin: 0; min-inline-size: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  a { color: var(--xmpp-chat-accent, #2563eb); }
  a:focus-visible { outline: 2px solid var(--xmpp-chat-accent, #2563eb); outline-offset: 2px; }
  .none { margin: 0; color: var(--xmpp-chat-muted, #475569); }
`;
