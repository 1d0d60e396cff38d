import { css } from 'lit';
import { controls, ownText } from '../shared.styles.ts';

export const styles = css`
  :host { display: block; ${ownText} font-size: 14px; }
  ${controls}
  button:focus-visible { outline: 2px solid var(--xmpp-chat-accent, #2563eb); outline-offset: 2px; }
  [part~='upload-tray'] {
    display: grid;
    gap: 6px;
    margin: 0;
    padding: 8px;
    list-style: none;
    border-block-start: 1px solid var(--xmpp-chat-border, #e2e8f0);
  }
  [part~='upload'] {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    align-items: center;
    gap: 4px 8px;
  }
  .facts { display: flex; gap: 8px; min-inline-size: 0; }
  .name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-weight: 600; }
  .size { flex: none; color: var(--xmpp-chat-muted, #475569); }
  .actions { display: flex; gap: 6px; grid-row: span 2; }
  [part~='upload-progress'] { inline-size: 100%; block-size: 6px; accent-color: var(--xmpp-chat-accent, #2563eb); }
  [part~='upload-error'] { margin: 0; color: var(--xmpp-chat-danger, #dc2626); overflow-wrap: anywhere; }
`;
