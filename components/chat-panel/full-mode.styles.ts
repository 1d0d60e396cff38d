import { css } from 'lit';

/**
 * What only full mode shows — the login form, contacts beside the conversation, the visitor's
 * details, saved replies — styled apart from the panel, so these rules load with full mode.
 */
export const fullStyles = css`
  /* Contacts and conversation side by side: nothing to go back to. */
  @container panel (min-width: 640px) { .back { display: none; } }
  xmpp-chat-login-form { margin: auto; inline-size: min(100%, 360px); padding: 16px; }
  .details { flex: none; border-block-end: 1px solid var(--xmpp-chat-border, #e2e8f0); }
  .details summary {
    display: flex; align-items: center; min-block-size: 32px; padding: 4px 14px; cursor: pointer; font-size: 14px; font-weight: 600;
  }
  .details summary:focus-visible { outline: 2px solid var(--xmpp-chat-accent, #2563eb); outline-offset: -2px; }
  .details xmpp-chat-visitor-details { padding-block-start: 0; }
  .tools { display: flex; gap: 8px; padding: 4px 10px 0; border-block-start: 1px solid var(--xmpp-chat-border, #e2e8f0); }
  .picture-anchor { position: relative; flex: none; }
  .picture-button { padding: 0; border: none; background: none; border-radius: 50%; cursor: pointer; }
  /* Its name for screen readers: the initials it shows are not part of it. */
  .picture-label { position: absolute; inline-size: 1px; block-size: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  .picture-button:focus-visible { outline: 2px solid currentColor; outline-offset: 2px; }
  .picture-editor {
    position: absolute; inset-block-start: calc(100% + 8px); inset-inline-start: 0; z-index: 3; padding: 12px; min-inline-size: 240px;
    background: var(--xmpp-chat-background, #fff); color: var(--xmpp-chat-text, #0f172a);
    border: 1px solid var(--xmpp-chat-border, #e2e8f0); border-radius: var(--xmpp-chat-radius, 12px); box-shadow: 0 8px 24px rgb(15 23 42 / 0.16);
  }
  /* Rooms below the inbox: a few rows in view, the rest scroll. */
  xmpp-chat-room-list, .rooms-entry { flex: none; max-block-size: 40%; overflow-y: auto; border-block-start: 1px solid var(--xmpp-chat-border, #e2e8f0); }
  .rooms-entry { display: flex; align-items: center; gap: 8px; padding: 8px; }
  .rooms-entry h2 { flex: 1; margin: 0; font-size: 15px; }
  .room-pane { display: flex; flex-direction: column; min-block-size: 0; }
  .room-pane > * { flex: 1; min-block-size: 0; }
  .contacts { inline-size: 300px; flex: none; border-inline-end: 1px solid var(--xmpp-chat-border, #e2e8f0); }
  /* Wide enough: the visitor details are a column beside the conversation. */
  @container (min-width: 1000px) {
    .full .conversation:has(> .details) { display: grid; grid-template-columns: 1fr 280px; grid-template-rows: 1fr auto; }
    .full .conversation > .details { grid-column: 2; grid-row: 1 / 3; border-block-end: none; border-inline-start: 1px solid var(--xmpp-chat-border, #e2e8f0); }
    .full .conversation > :not(.details) { grid-column: 1; min-block-size: 0; }
  }
  @container (max-width: 639.98px) {
    .full .contacts { inline-size: 100%; border: none; }
    .full[data-view='contacts'] .conversation { display: none; }
    .full[data-view='conversation'] .contacts { display: none; }
  }
`;
