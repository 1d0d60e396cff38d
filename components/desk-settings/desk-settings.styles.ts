import { css } from 'lit';
import { controls, ownText } from '../shared.styles.ts';

// Inherited text properties are all set here, so hostile page CSS on ancestors cannot leak in.
export const styles = css`
  :host { display: block; ${ownText} font-size: 14px; }
  *, *::before, *::after { box-sizing: border-box; }
  form { display: grid; gap: 8px; margin: 0; }
  fieldset { border: 0; margin: 0; padding: 0; display: grid; gap: 8px; min-inline-size: 0; }
  legend { padding: 0; font-weight: 600; }
  p { margin: 0; }
  .muted { color: var(--xmpp-chat-muted, #475569); }
  .row { display: flex; flex-wrap: wrap; gap: 8px; }
  ${controls}
  button:disabled { cursor: not-allowed; opacity: 0.55; }
  button:focus-visible, input:focus-visible { outline: 2px solid var(--xmpp-chat-accent, #2563eb); outline-offset: 2px; }
  [part~='secret-save-button'] {
    background: var(--xmpp-chat-accent, #2563eb);
    border-color: var(--xmpp-chat-accent, #2563eb);
    color: var(--xmpp-chat-accent-text, #fff);
  }
  .failed { color: var(--xmpp-chat-danger, #dc2626); }
`;
