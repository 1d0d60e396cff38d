import { css } from 'lit';
import { controls, ownText, srOnly } from '../shared.styles.ts';

// Inherited text properties are all set here, so hostile page CSS on ancestors cannot leak in.
export const styles = css`
  :host { display: block; }
  [hidden] { display: none !important; }
  *, *::before, *::after { box-sizing: border-box; }
  ${srOnly}
  ${controls}
  [part~='emoji-picker'] {
    /* Eight 40px columns, the scrollbar and the padding. */
    inline-size: min(354px, calc(100vw - 16px));
    display: flex;
    flex-direction: column;
    gap: 6px;
    padding: 8px;
    border: 1px solid var(--xmpp-chat-border, #e2e8f0);
    border-radius: var(--xmpp-chat-radius, 12px);
    box-shadow: 0 8px 24px rgb(15 23 42 / 0.18);
    ${ownText}
  }
  button:focus-visible, input:focus-visible, [role='gridcell']:focus-visible {
    outline: 2px solid var(--xmpp-chat-accent, #2563eb);
    outline-offset: -2px;
  }
  [role='tablist'] { display: flex; justify-content: space-between; }
  [part~='emoji-tab'] {
    min-inline-size: 34px;
    padding: 0;
    border: 0;
    border-block-end: 2px solid transparent;
    border-radius: 0;
    font-size: 18px;
  }
  [part~='emoji-tab'][aria-selected='true'] { border-block-end-color: var(--xmpp-chat-accent, #2563eb); }
  .scroll {
    block-size: 240px;
    overflow-y: auto;
    overscroll-behavior: contain;
    scrollbar-gutter: stable;
  }
  [role='row'] { display: flex; }
  .recent {
    margin-block-end: 4px;
    padding-block-end: 4px;
    border-block-end: 1px solid var(--xmpp-chat-border, #e2e8f0);
  }
  [part~='emoji-tab'], [part~='emoji-option'] {
    font-family: 'Apple Color Emoji', 'Segoe UI Emoji', 'Noto Color Emoji', var(--xmpp-chat-font, system-ui, sans-serif);
  }
  [part~='emoji-option'] {
    inline-size: 40px;
    block-size: 40px;
    display: grid;
    place-items: center;
    border-radius: calc(var(--xmpp-chat-radius, 12px) / 2);
    font-size: 24px;
    line-height: 1;
    /* A sequence the device's font cannot join shows as several glyphs: kept inside its cell. */
    overflow: hidden;
    cursor: pointer;
    user-select: none;
  }
  [part~='emoji-option']:hover { background: color-mix(in srgb, var(--xmpp-chat-accent, #2563eb) 10%, var(--xmpp-chat-background, #fff)); }
  .none { margin: 0; padding: 8px; color: var(--xmpp-chat-muted, #475569); }
`;
