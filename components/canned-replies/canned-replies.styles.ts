import { css } from 'lit';
import { controls, ownText, srOnly } from '../shared.styles.ts';

// Inherited text properties are all set here, so hostile page CSS on ancestors cannot leak in.
export const styles = css`
  :host {
    display: inline-block;
    position: relative;
    ${ownText}
  }
  [hidden] { display: none !important; }
  *, *::before, *::after { box-sizing: border-box; }
  ${srOnly}
  form, p { margin: 0; padding: 0; }
  ${controls}
  button:disabled { cursor: not-allowed; opacity: 0.55; }
  input:disabled { opacity: 0.55; }
  button:focus-visible, input:focus-visible {
    outline: 2px solid var(--xmpp-chat-accent, #2563eb);
    outline-offset: 2px;
  }
  [part~='toggle-button'][aria-expanded='true'] {
    border-color: var(--xmpp-chat-accent, #2563eb);
    color: var(--xmpp-chat-accent, #2563eb);
  }
  /* Opens upwards: the element sits in the composer, at the bottom of the chat. */
  [part~='panel'] {
    position: absolute;
    z-index: 1;
    inset-block-end: calc(100% + 4px);
    inset-inline-start: 0;
    inline-size: min(360px, calc(100vw - 16px));
    display: flex;
    flex-direction: column;
    gap: 8px;
    padding: 8px;
    border: 1px solid var(--xmpp-chat-border, #e2e8f0);
    border-radius: var(--xmpp-chat-radius, 12px);
    background: var(--xmpp-chat-background, #fff);
    box-shadow: 0 8px 24px rgb(15 23 42 / 0.18);
  }
  .empty:not(:empty) { padding: 4px 8px; color: var(--xmpp-chat-muted, #475569); overflow-wrap: anywhere; }
  /* Two columns that scroll together: the listbox may hold only options, so the delete buttons
     stand beside it, one per row of the same height. */
  .replies {
    display: flex;
    align-items: flex-start;
    gap: 4px;
    max-block-size: 260px;
    overflow-y: auto;
    overscroll-behavior: contain;
  }
  [part~='list'] { flex: 1 1 auto; min-inline-size: 0; }
  [part~='reply'] {
    block-size: 52px;
    display: flex;
    flex-direction: column;
    justify-content: center;
    padding-inline: 8px;
    border-radius: calc(var(--xmpp-chat-radius, 12px) / 2);
    cursor: pointer;
    overflow: hidden;
  }
  [part~='reply']:hover { background: color-mix(in srgb, var(--xmpp-chat-accent, #2563eb) 8%, var(--xmpp-chat-background, #fff)); }
  [part~='reply-active'] {
    background: color-mix(in srgb, var(--xmpp-chat-accent, #2563eb) 14%, var(--xmpp-chat-background, #fff));
    box-shadow: inset 3px 0 0 var(--xmpp-chat-accent, #2563eb);
  }
  [part~='reply-active']:dir(rtl) { box-shadow: inset -3px 0 0 var(--xmpp-chat-accent, #2563eb); }
  .title, .preview { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .title { font-weight: 600; }
  .preview { font-size: 13px; color: var(--xmpp-chat-muted, #475569); }
  .deletes { flex: none; display: flex; flex-direction: column; }
  [part~='delete-button'] {
    display: inline-grid;
    place-items: center;
    margin-block: 10px;
    padding: 0;
    inline-size: 32px;
    block-size: 32px;
  }
  [part~='save-form'] {
    display: flex;
    flex-direction: column;
    gap: 6px;
    padding-block-start: 8px;
    border-block-start: 1px solid var(--xmpp-chat-border, #e2e8f0);
  }
  label { font-size: 14px; color: var(--xmpp-chat-muted, #475569); }
  [part~='save-button']:not(:disabled) {
    border-color: var(--xmpp-chat-accent, #2563eb);
    background: var(--xmpp-chat-accent, #2563eb);
    color: var(--xmpp-chat-accent-text, #fff);
    font-weight: 600;
  }
  .hint { font-size: 13px; color: var(--xmpp-chat-muted, #475569); }
  @media (forced-colors: active) {
    [part~='reply-active'] { outline: 2px solid Highlight; outline-offset: -2px; }
    [part~='panel'] { border-color: CanvasText; }
  }
`;
