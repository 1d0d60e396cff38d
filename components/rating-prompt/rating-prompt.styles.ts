import { css } from 'lit';
import { controls, ownText, srOnly } from '../shared.styles.ts';

// Inherited text properties are all set here, so hostile page CSS on ancestors cannot leak in.
export const styles = css`
  :host { display: block; }
  *, *::before, *::after { box-sizing: border-box; }
  form, .thanks {
    margin: 10px 0 4px;
    padding: 10px 12px 12px;
    border: 1px solid var(--xmpp-chat-border, #e2e8f0);
    border-radius: var(--xmpp-chat-radius, 12px);
    ${ownText}
  }
  fieldset { margin: 0; padding: 0; border: 0; min-inline-size: 0; }
  legend { padding: 0; font-weight: 600; }
  .hint { margin: 2px 0 8px; font-size: 13px; color: var(--xmpp-chat-muted, #475569); }
  .scores { display: flex; gap: 6px; }
  /* The radio buttons stay in the page for keyboards and screen readers; their labels are what shows. */
  .scores input { position: absolute; opacity: 0; inline-size: 1px; block-size: 1px; margin: 0; }
  .scores label {
    flex: 1 1 0;
    min-block-size: 40px;
    display: grid;
    place-items: center;
    border: 1px solid var(--xmpp-chat-muted, #475569);
    border-radius: 999px;
    font-weight: 600;
    cursor: pointer;
  }
  .scores input:checked + label { background: var(--xmpp-chat-accent, #2563eb); border-color: transparent; color: var(--xmpp-chat-accent-text, #fff); }
  .scores input:focus-visible + label { outline: 2px solid var(--xmpp-chat-accent, #2563eb); outline-offset: 2px; }
  .comment { display: block; margin: 10px 0 4px; }
  ${controls}
  textarea { inline-size: 100%; min-block-size: 3.5em; resize: vertical; font: inherit; padding: 6px 8px; border: 1px solid var(--xmpp-chat-muted, #475569); border-radius: 8px; background: inherit; color: inherit; }
  .problem { margin: 6px 0 0; color: #b91c1c; font-size: 14px; }
  .submit { margin-block-start: 8px; border: 0; font-weight: 600; background: var(--xmpp-chat-accent, #2563eb); color: var(--xmpp-chat-accent-text, #fff); }
  textarea:focus-visible, .submit:focus-visible { outline: 2px solid var(--xmpp-chat-accent, #2563eb); outline-offset: 2px; }
  .thanks { font-weight: 600; }
  @media (forced-colors: active) { .scores input:checked + label { border: 3px solid Highlight; } }
  ${srOnly}
`;
