import { css } from 'lit';
import { srOnly } from '../shared.styles.ts';

// Inherited text properties are all set here, so hostile page CSS on ancestors cannot leak in.
export const styles = css`
  :host { display: block; }
  [part~='composer'] {
    display: flex;
    align-items: flex-end;
    gap: 8px;
    margin: 0;
    padding: 8px;
    box-sizing: border-box;
    border-block-start: 1px solid var(--xmpp-chat-border, #e2e8f0);
    background: var(--xmpp-chat-background, #fff);
    color: var(--xmpp-chat-text, #0f172a);
    font-family: var(--xmpp-chat-font, system-ui, sans-serif);
    font-style: normal;
    font-weight: 400;
    letter-spacing: normal;
    word-spacing: normal;
    text-align: start;
    text-transform: none;
    text-indent: 0;
    visibility: visible;
  }
  [part~='input'] {
    flex: 1 1 auto;
    min-inline-size: 0;
    box-sizing: border-box;
    margin: 0;
    /* 16px keeps mobile browsers from zooming into the field. */
    font: 400 16px / 1.4 var(--xmpp-chat-font, system-ui, sans-serif);
    color: inherit;
    letter-spacing: inherit;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    /* One line to start; six lines (plus padding and border) before it scrolls. */
    min-block-size: calc(1.4em + 18px);
    max-block-size: calc(6 * 1.4em + 18px);
    overflow-y: auto;
    resize: none;
    padding-block: 8px;
    padding-inline: 12px;
    border: 1px solid var(--xmpp-chat-muted, #475569);
    border-radius: var(--xmpp-chat-radius, 12px);
    background: var(--xmpp-chat-background, #fff);
  }
  [part~='input']::placeholder { color: var(--xmpp-chat-muted, #475569); opacity: 1; }
  [part~='send-button'], .tool {
    flex: none;
    display: inline-grid;
    place-items: center;
    inline-size: 40px;
    block-size: 40px;
    margin: 0;
    padding: 0;
    border: 0;
    border-radius: 50%;
    background: var(--xmpp-chat-accent, #2563eb);
    color: var(--xmpp-chat-accent-text, #fff);
    cursor: pointer;
    transition: filter 120ms ease;
  }
  /* Attach and emoji: quieter than sending. */
  .tool { inline-size: 32px; background: none; color: var(--xmpp-chat-muted, #475569); }
  .tool:hover { color: var(--xmpp-chat-text, #0f172a); }
  [part~='send-button']:hover { filter: brightness(0.92); }
  [part~='input']:focus-visible, [part~='send-button']:focus-visible, .tool:focus-visible, .tool:has(:focus-visible) {
    outline: 2px solid var(--xmpp-chat-accent, #2563eb);
    outline-offset: 2px;
  }
  :disabled, .tool:has(:disabled) { cursor: not-allowed; opacity: 0.55; }
  /* The arrow points in the reading direction. */
  .icon:dir(rtl) { transform: scaleX(-1); }
  ${srOnly}
  @media (prefers-reduced-motion: reduce) {
    [part~='send-button'] { transition: none; }
  }
  @media (forced-colors: active) {
    [part~='send-button'] { border: 1px solid ButtonText; }
  }
`;
