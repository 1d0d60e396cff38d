import { css } from 'lit';
import { controls, ownText, srOnly } from '../shared.styles.ts';

// Inherited text properties are all set here, so hostile page CSS on ancestors cannot leak in.
export const styles = css`
  :host {
    display: block;
    ${ownText}
  }
  [hidden] { display: none !important; }
  *, *::before, *::after { box-sizing: border-box; }
  ${srOnly}
  ${controls}
  [part~='search'] { display: flex; flex-direction: column; gap: 4px; min-block-size: 0; }
  [part~='search-input'] { inline-size: 100%; }
  input:focus-visible {
    outline: 2px solid var(--xmpp-chat-accent, #2563eb);
    outline-offset: 2px;
  }
  .status:not(:empty), .note {
    padding-inline: 4px;
    font-size: 13px;
    color: var(--xmpp-chat-muted, #475569);
    overflow-wrap: anywhere;
  }
  #results {
    max-block-size: 320px;
    overflow-y: auto;
    overscroll-behavior: contain;
  }
  [part~='search-result'] {
    display: flex;
    flex-direction: column;
    gap: 2px;
    padding: 6px 8px;
    border-radius: calc(var(--xmpp-chat-radius, 12px) / 2);
    cursor: pointer;
  }
  [part~='search-result']:hover { background: color-mix(in srgb, var(--xmpp-chat-accent, #2563eb) 8%, var(--xmpp-chat-background, #fff)); }
  [part~='search-result-active'] {
    background: color-mix(in srgb, var(--xmpp-chat-accent, #2563eb) 14%, var(--xmpp-chat-background, #fff));
    box-shadow: inset 3px 0 0 var(--xmpp-chat-accent, #2563eb);
  }
  [part~='search-result-active']:dir(rtl) { box-shadow: inset -3px 0 0 var(--xmpp-chat-accent, #2563eb); }
  .line { display: flex; align-items: baseline; gap: 8px; min-inline-size: 0; }
  .name { flex: 1 1 auto; font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  time { flex: none; font-size: 12px; color: var(--xmpp-chat-muted, #475569); }
  .snippet { font-size: 13px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  mark {
    background: color-mix(in srgb, var(--xmpp-chat-accent, #2563eb) 22%, transparent);
    color: inherit;
    border-radius: 2px;
  }
`;
