import { css } from 'lit';
import { controls, ownText, srOnly } from '../shared.styles.ts';

// Inherited text properties are all set here, so hostile page CSS on ancestors cannot leak in.
export const styles = css`
  :host { display: block; }
  [hidden] { display: none !important; }
  *, *::before, *::after { box-sizing: border-box; }
  ${srOnly}
  p, form { margin: 0; }
  ${controls}
  select, textarea {
    font: inherit;
    font-size: 16px;
    color: inherit;
    background: var(--xmpp-chat-background, #fff);
    border: 1px solid var(--xmpp-chat-muted, #475569);
    border-radius: calc(var(--xmpp-chat-radius, 12px) / 2);
    padding: 4px 8px;
    min-block-size: 32px;
  }
  textarea { resize: vertical; inline-size: 100%; }
  button, select, textarea { font-size: 14px; }
  button.primary {
    border-color: var(--xmpp-chat-accent, #2563eb);
    background: var(--xmpp-chat-accent, #2563eb);
    color: var(--xmpp-chat-accent-text, #fff);
  }
  button:focus-visible, select:focus-visible, textarea:focus-visible {
    outline: 2px solid var(--xmpp-chat-accent, #2563eb);
    outline-offset: 2px;
  }
  .root {
    display: flex;
    flex-direction: column;
    gap: 6px;
    padding: 8px 14px;
    border-block-end: 1px solid var(--xmpp-chat-border, #e2e8f0);
    font-size: 14px;
    ${ownText}
    font-size: 14px;
  }
  .facts { display: flex; flex-wrap: wrap; gap: 4px 16px; }
  .fact { display: inline-flex; gap: 6px; align-items: baseline; min-inline-size: 0; }
  .key { color: var(--xmpp-chat-muted, #475569); }
  .value { font-weight: 600; overflow-wrap: anywhere; }
  [part~='conversation-rating'] { overflow-wrap: anywhere; }
  .stars { color: #b45309; letter-spacing: 1px; }
  .teammates { color: var(--xmpp-chat-muted, #475569); }
  .teammates:empty { display: none; }
  .notice {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px;
    padding: 6px 10px;
    border-radius: calc(var(--xmpp-chat-radius, 12px) / 2);
    background: #fef3c7;
    color: #78350f;
  }
  /* On the notice's own light background, whatever the theme. */
  .notice button { background: transparent; color: inherit; border-color: currentColor; }
  .actions { display: flex; flex-wrap: wrap; gap: 6px; }
  .transfer {
    display: grid;
    gap: 4px;
    padding: 8px;
    border: 1px solid var(--xmpp-chat-border, #e2e8f0);
    border-radius: var(--xmpp-chat-radius, 12px);
  }
  label { color: var(--xmpp-chat-muted, #475569); }
  @media (forced-colors: active) {
    .notice { border: 1px solid CanvasText; }
  }
`;
