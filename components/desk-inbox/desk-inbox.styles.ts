import { css } from 'lit';
import { controls, ownText, srOnly } from '../shared.styles.ts';

// Inherited text properties are all set here, so hostile page CSS on ancestors cannot leak in.
export const styles = css`
  :host { display: flex; flex-direction: column; min-block-size: 0; }
  [hidden] { display: none !important; }
  *, *::before, *::after { box-sizing: border-box; }
  ${srOnly}
  h2, p { margin: 0; }
  ${controls}
  .root {
    display: flex;
    flex-direction: column;
    flex: 1 1 auto;
    min-block-size: 0;
    /* When the settings leave the list too little room, everything scrolls. */
    overflow-y: auto;
    gap: 8px;
    padding: 8px;
    ${ownText}
  }
  .root > :not([part~='inbox-list']) { flex-shrink: 0; }
  ::slotted(:not([slot])) { flex: 1 1 auto; min-block-size: 0; margin: -8px; }
  .head { display: flex; align-items: center; gap: 8px; }
  .title { font-size: 16px; font-weight: 600; }
  .average { flex: 1 1 auto; font-size: 13px; color: var(--xmpp-chat-muted, #475569); text-align: end; }
  [part~='keys-button'] { margin-inline-start: auto; padding-inline: 8px; font-weight: 600; }
  .average + [part~='keys-button'] { margin-inline-start: 0; }
  .filters { display: flex; flex-wrap: wrap; gap: 4px; }
  [part~='inbox-filter'] { padding-inline: 8px; font-size: 14px; }
  [part~='inbox-filter'][aria-pressed='true'] {
    border-color: var(--xmpp-chat-accent, #2563eb);
    background: var(--xmpp-chat-accent, #2563eb);
    color: var(--xmpp-chat-accent-text, #fff);
  }
  .count { font-weight: 600; }
  button:focus-visible, [part~='inbox-list']:focus-visible {
    outline: 2px solid var(--xmpp-chat-accent, #2563eb);
    outline-offset: 2px;
  }
  .empty:not(:empty) { padding: 8px; color: var(--xmpp-chat-muted, #475569); }
  [part~='inbox-list'] {
    flex: 1 1 0;
    min-block-size: var(--xmpp-chat-contact-list-min-height, 240px);
    overflow-y: auto;
    overscroll-behavior: contain;
    border-radius: var(--xmpp-chat-radius, 12px);
  }
  .spacer { position: relative; }
  .row {
    position: absolute;
    inset-inline: 0;
    block-size: 72px;
    display: flex;
    flex-direction: column;
    justify-content: center;
    gap: 1px;
    padding-inline: 10px;
    border-radius: calc(var(--xmpp-chat-radius, 12px) / 2);
    cursor: pointer;
  }
  .row:hover { background: color-mix(in srgb, var(--xmpp-chat-accent, #2563eb) 8%, var(--xmpp-chat-background, #fff)); }
  [part~='inbox-row-selected'] {
    background: color-mix(in srgb, var(--xmpp-chat-accent, #2563eb) 14%, var(--xmpp-chat-background, #fff));
  }
  [part~='inbox-list']:focus-visible .active { outline: 2px solid var(--xmpp-chat-accent, #2563eb); outline-offset: -2px; }
  .line { display: flex; align-items: center; gap: 6px; min-inline-size: 0; white-space: nowrap; }
  .name { flex: 1 1 auto; font-weight: 600; overflow: hidden; text-overflow: ellipsis; }
  .meta, .preview { font-size: 13px; color: var(--xmpp-chat-muted, #475569); }
  .preview, .owner { overflow: hidden; text-overflow: ellipsis; }
  .status { font-weight: 600; }
  .label {
    flex: none;
    max-inline-size: 8em;
    overflow: hidden;
    text-overflow: ellipsis;
    padding-inline: 6px;
    border: 1px solid var(--xmpp-chat-muted, #475569);
    border-radius: 8px;
    font-size: 12px;
  }
  .badge {
    flex: none;
    min-inline-size: 24px;
    padding-inline: 6px;
    border-radius: 12px;
    background: var(--xmpp-chat-accent, #2563eb);
    color: var(--xmpp-chat-accent-text, #fff);
    font-size: 13px;
    font-weight: 600;
    line-height: 22px;
    text-align: center;
  }
  @media (forced-colors: active) {
    [part~='inbox-filter'][aria-pressed='true'] { border-width: 3px; }
    [part~='inbox-list']:focus-visible .active { outline-color: Highlight; }
  }
`;
