import { css } from 'lit';
import { controls, ownText } from '../shared.styles.ts';

export const styles = css`
  :host { display: block; }
  *, *::before, *::after { box-sizing: border-box; }
  form { display: flex; flex-direction: column; gap: 6px; padding: 12px 14px; ${ownText} }
  h3 { margin: 0 0 4px; font-size: 16px; }
  fieldset { display: flex; flex-direction: column; gap: 6px; margin: 6px 0 0; padding: 8px 10px; border: 1px solid var(--xmpp-chat-border, #e2e8f0); border-radius: 8px; }
  legend { font-weight: 600; padding: 0 4px; }
  ${controls}
  .day { display: grid; grid-template-columns: minmax(8em, 1fr) auto auto; gap: 6px; align-items: center; }
  .day input[type='date'] { grid-column: auto; }
  .check { display: flex; align-items: center; gap: 6px; }
  .check input { inline-size: auto; min-block-size: auto; }
  input[type='time'], input[type='date'] { inline-size: auto; }
  [part~='hours-save-button'] { align-self: start; font-weight: 600; border: 0; background: var(--xmpp-chat-accent, #2563eb); color: var(--xmpp-chat-accent-text, #fff); }
  button:disabled { opacity: 0.6; cursor: default; }
  button:focus-visible, input:focus-visible { outline: 2px solid var(--xmpp-chat-accent, #2563eb); outline-offset: 1px; }
  .problem { margin: 0; color: #b91c1c; }
  .note { margin: 0; color: var(--xmpp-chat-muted, #475569); }
`;
