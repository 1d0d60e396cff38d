import { css } from 'lit';
import { controls, ownText } from '../shared.styles.ts';

export const styles = css`
  :host { display: block; overflow-y: auto; }
  *, *::before, *::after { box-sizing: border-box; }
  ${controls}
  form { display: flex; flex-direction: column; gap: 6px; padding: 16px; max-inline-size: 32em; ${ownText} }
  h2 { margin: 0 0 4px; font-size: 17px; }
  p { margin: 0; }
  label { font-weight: 500; }
  label.check { font-weight: normal; display: flex; gap: 6px; align-items: center; }
  input[aria-invalid='true'] { border-color: #b91c1c; }
  .problem { color: #b91c1c; font-size: 14px; overflow-wrap: anywhere; }
  .status { font-size: 14px; color: var(--xmpp-chat-muted, #475569); }
  .status:empty { display: none; }
  .buttons { display: flex; gap: 8px; }
  button.primary { border-color: var(--xmpp-chat-accent, #2563eb); background: var(--xmpp-chat-accent, #2563eb); color: var(--xmpp-chat-accent-text, #fff); }
  button:focus-visible, input:focus-visible { outline: 2px solid var(--xmpp-chat-accent, #2563eb); outline-offset: 2px; }
`;
