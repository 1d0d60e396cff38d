import { css } from 'lit';
import { controls, ownText } from '../shared.styles.ts';

// Inherited text properties are all set here, so hostile page CSS on ancestors cannot leak in.
export const styles = css`
  :host { display: contents; }
  *, *::before, *::after { box-sizing: border-box; }
  ${controls}
  dialog {
    inline-size: min(420px, calc(100vw - 32px));
    padding: 16px;
    border: 1px solid var(--xmpp-chat-border, #e2e8f0);
    border-radius: var(--xmpp-chat-radius, 12px);
    box-shadow: 0 16px 40px rgb(15 23 42 / 0.25);
    ${ownText}
  }
  dialog::backdrop { background: rgb(15 23 42 / 0.4); }
  h2 { margin: 0 0 4px; font-size: 17px; }
  .hint { margin: 0 0 12px; font-size: 14px; color: var(--xmpp-chat-muted, #475569); }
  dl { margin: 0 0 12px; display: grid; gap: 6px; }
  .row { display: grid; grid-template-columns: 4em 1fr; align-items: center; gap: 8px; }
  dt, dd { margin: 0; }
  kbd {
    display: inline-block;
    min-inline-size: 2em;
    padding: 2px 6px;
    border: 1px solid var(--xmpp-chat-muted, #475569);
    border-block-end-width: 2px;
    border-radius: 6px;
    font: inherit;
    font-weight: 600;
    text-align: center;
  }
  form { display: flex; justify-content: flex-end; margin: 0; }
  button:focus-visible { outline: 2px solid var(--xmpp-chat-accent, #2563eb); outline-offset: 2px; }
`;
