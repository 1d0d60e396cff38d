import { css } from 'lit';
import { controls } from '../shared.styles.ts';

// Lines of one height (the panel reserves their space before this element loads).
export const styles = css`
  :host { display: block; font-size: 14px; line-height: 1.4; }
  * { box-sizing: border-box; }
  p { margin: 0; }
  .team::before {
    content: '';
    display: inline-block;
    inline-size: 8px;
    block-size: 8px;
    margin-inline-end: 6px;
    border-radius: 50%;
    background: #22c55e;
  }
  .hours, label { color: var(--xmpp-chat-muted, #475569); }
  form { display: flex; flex-direction: column; gap: 4px; margin-block-start: 8px; }
  ${controls}
  .row { display: flex; gap: 6px; }
  input { min-block-size: 36px; }
  input[aria-invalid='true'] { border-color: #b91c1c; }
  button { flex: none; font-weight: 600; border: 0; background: var(--xmpp-chat-accent, #2563eb); color: var(--xmpp-chat-accent-text, #fff); }
  button:focus-visible, input:focus-visible { outline: 2px solid var(--xmpp-chat-accent, #2563eb); outline-offset: 1px; }
  .problem { color: #b91c1c; }
  .confirmation { margin-block-start: 4px; font-weight: 600; }
`;
