import { css } from 'lit';
import { controls, ownText, srOnly } from '../shared.styles.ts';

// Inherited text properties are all set here, so hostile page CSS on ancestors cannot leak in.
export const styles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-block-size: 0;
  }
  [hidden] { display: none !important; }
  .root {
    display: flex;
    flex-direction: column;
    flex: 1 1 auto;
    min-block-size: 0;
    /* When requests and the add form leave the list too little room, everything scrolls. */
    overflow-y: auto;
    gap: 8px;
    box-sizing: border-box;
    padding: 8px;
    ${ownText}
  }
  *, *::before, *::after { box-sizing: border-box; }
  ${srOnly}
  h2, p, ul, form { margin: 0; padding: 0; }
  ul { list-style: none; }
  ${controls}
  button.primary {
    border-color: var(--xmpp-chat-accent, #2563eb);
    background: var(--xmpp-chat-accent, #2563eb);
    color: var(--xmpp-chat-accent-text, #fff);
  }
  button:focus-visible, input:focus-visible, [part~='contact-list']:focus-visible {
    outline: 2px solid var(--xmpp-chat-accent, #2563eb);
    outline-offset: 2px;
  }
  .root > :not([part~='contact-list']) { flex-shrink: 0; }
  .toolbar { display: flex; gap: 8px; align-items: center; }
  .toolbar input { flex: 1 1 auto; min-inline-size: 0; }
  .toolbar button { flex: none; }
  [part~='requests'], [part~='add-form'] {
    display: flex;
    flex-direction: column;
    gap: 8px;
    padding: 8px;
    border: 1px solid var(--xmpp-chat-border, #e2e8f0);
    border-radius: var(--xmpp-chat-radius, 12px);
  }
  .title { font-size: 15px; font-weight: 600; }
  .requests {
    /* REQUESTS_IN_VIEW rows of REQUEST_ROW_HEIGHT (subscription-requests.ts). */
    max-block-size: calc(3 * 72px);
    overflow-y: auto;
    overscroll-behavior: contain;
  }
  .request-spacer { position: relative; }
  .request-row {
    position: absolute;
    inset-inline: 0;
    block-size: 72px;
    display: flex;
    flex-direction: column;
    justify-content: center;
    gap: 4px;
  }
  .request { overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
  .actions { display: flex; gap: 8px; flex-wrap: wrap; }
  label { font-size: 14px; color: var(--xmpp-chat-muted, #475569); }
  .error { color: #b91c1c; font-size: 14px; }
  .empty:not(:empty) { padding: 8px; color: var(--xmpp-chat-muted, #475569); overflow-wrap: anywhere; }
  [part~='contact-list'] {
    /* Basis 0: the list takes the room the host has and never grows with its rows. */
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
    block-size: 48px;
    display: flex;
    align-items: center;
    gap: 10px;
    padding-inline: 10px;
    border-radius: calc(var(--xmpp-chat-radius, 12px) / 2);
    cursor: pointer;
    transition: background-color 120ms ease;
  }
  .row:hover { background: color-mix(in srgb, var(--xmpp-chat-accent, #2563eb) 8%, var(--xmpp-chat-background, #fff)); }
  [part~='contact-selected'] {
    background: color-mix(in srgb, var(--xmpp-chat-accent, #2563eb) 14%, var(--xmpp-chat-background, #fff));
    font-weight: 600;
  }
  [part~='contact-list']:focus-visible .active {
    outline: 2px solid var(--xmpp-chat-accent, #2563eb);
    outline-offset: -2px;
  }
  .text { flex: 1 1 auto; min-inline-size: 0; display: flex; flex-direction: column; }
  .name, .pending, .preview { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .pending, .preview { font-size: 13px; color: var(--xmpp-chat-muted, #475569); }
  /* Shapes as well as colours, so presence does not depend on telling colours apart. */
  .dot {
    flex: none;
    inline-size: 12px;
    block-size: 12px;
    border-radius: 50%;
    border: 2px solid #64748b;
    background: transparent;
  }
  .picture { flex: none; --xmpp-chat-avatar-size: 32px; }
  /* Beside a picture the dot sits on its corner, ringed by the background. */
  .dot.on-picture {
    margin-inline-start: -20px; align-self: flex-end; margin-block-end: 6px;
    box-shadow: 0 0 0 2px var(--xmpp-chat-background, #fff); background-color: var(--xmpp-chat-background, #fff);
  }
  .dot[data-presence='online'], .dot[data-presence='chat'] { border-color: #15803d; background: #15803d; }
  .dot[data-presence='away'] { border-color: #b45309; background: linear-gradient(to top, #b45309 50%, transparent 50%); }
  .dot[data-presence='xa'] { border-color: #b45309; }
  .dot[data-presence='dnd'] {
    border-color: #b91c1c;
    background: linear-gradient(#b91c1c 0 0) center / 100% 2px no-repeat;
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
    line-height: 24px;
    text-align: center;
  }
  @media (prefers-reduced-motion: reduce) {
    .row { transition: none; }
  }
  @media (forced-colors: active) {
    .dot { forced-color-adjust: none; }
    [part~='contact-list']:focus-visible .active { outline-color: Highlight; }
  }
`;
