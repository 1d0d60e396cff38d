import { css } from 'lit';
import { controls, ownText } from '../shared.styles.ts';

export const roomViewStyles = [
  controls,
  css`
    :host { display: flex; flex-direction: column; flex: 1; min-block-size: 0; min-inline-size: 0; ${ownText} container: room / inline-size; }
    * { box-sizing: border-box; }
    .header {
      display: flex;
      align-items: center;
      gap: 10px;
      padding: 10px 14px;
      background: var(--xmpp-chat-accent, #2563eb);
      color: var(--xmpp-chat-accent-text, #ffffff);
    }
    .titles { flex: 1; min-inline-size: 0; }
    .name { margin: 0; font-size: 16px; font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .subject { margin: 2px 0 0; font-size: 13px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .header button.people {
      flex: none;
      color: inherit;
      background: transparent;
      border-color: currentColor;
      font-size: 14px;
    }
    .header button.people[aria-expanded='true'] { background: rgb(0 0 0 / 0.2); }
    button:focus-visible { outline: 2px solid currentColor; outline-offset: 2px; }
    .notice { margin: 0; padding: 6px 14px; font-size: 14px; background: var(--xmpp-chat-bubble-in, #f1f5f9); }
    .notice:empty { display: none; }
    .error { padding: 8px 14px; font-size: 14px; background: #fef2f2; color: #991b1b; display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
    .error p { margin: 0; flex: 1 1 12em; overflow-wrap: anywhere; }
    .body { display: flex; flex: 1; min-block-size: 0; position: relative; }
    xmpp-chat-message-list { flex: 1; min-block-size: 0; min-inline-size: 0; }
    xmpp-chat-occupant-list { display: none; }
    /* Narrow: who is there covers the messages while shown. Wide: a column beside them. */
    .people-open xmpp-chat-occupant-list { display: flex; position: absolute; inset: 0; }
    @container room (min-width: 560px) {
      .people-open xmpp-chat-occupant-list {
        position: static;
        inline-size: 220px;
        border-inline-start: 1px solid var(--xmpp-chat-border, #e2e8f0);
      }
    }
    /* Room messages are plain text: no files to send (the list offers no reactions, replies or corrections in a room). */
    xmpp-chat-composer::part(attach-button) { display: none; }
    /* Full mode's tools (room-manage.ts). */
    .subject-line { margin: 2px 0 0; display: flex; gap: 8px; align-items: baseline; min-inline-size: 0; font-size: 13px; }
    .subject-line .subject { margin: 0; }
    .header button.link { flex: none; padding: 0; min-block-size: 24px; border: 0; background: none; color: inherit; font-size: 13px; text-decoration: underline; }
    .subject-form { display: flex; gap: 6px; margin-block-start: 4px; }
    .subject-form input { flex: 1; min-inline-size: 0; }
    .subject-form button { color: inherit; background: transparent; border-color: currentColor; }
    .tools { display: flex; flex-wrap: wrap; gap: 6px; padding: 6px 14px; border-block-end: 1px solid var(--xmpp-chat-border, #e2e8f0); }
    .tools button[aria-pressed='true'], .tools button[aria-expanded='true'] { background: var(--xmpp-chat-bubble-in, #f1f5f9); font-weight: 600; }
    .panel { display: flex; flex-direction: column; gap: 6px; margin: 0; padding: 10px 14px; border-block-end: 1px solid var(--xmpp-chat-border, #e2e8f0); }
    .panel p { margin: 0; overflow-wrap: anywhere; }
    .panel label { font-weight: 500; }
    .panel label.check { font-weight: normal; display: flex; gap: 6px; align-items: center; }
    .panel .buttons { display: flex; flex-wrap: wrap; gap: 6px; }
    .menu-title { font-weight: 600; }
    .muted { color: var(--xmpp-chat-muted, #475569); font-weight: normal; }
    .panel .primary { background: var(--xmpp-chat-accent, #2563eb); color: var(--xmpp-chat-accent-text, #fff); border-color: transparent; }
    .panel .danger { color: #b91c1c; border-color: #b91c1c; }
    .sr-only { position: absolute; inline-size: 1px; block-size: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
    .join { display: flex; flex-direction: column; gap: 6px; margin: 0; padding: 12px 14px; border-block-start: 1px solid var(--xmpp-chat-border, #e2e8f0); }
    .join .intro { margin: 0; }
    .join label { font-weight: 500; }
    .join .problem { margin: 0; color: #b91c1c; font-size: 14px; }
    .join input[aria-invalid='true'] { border-color: #b91c1c; }
    .join button, .error button { align-self: flex-start; }
    .join button { background: var(--xmpp-chat-accent, #2563eb); color: var(--xmpp-chat-accent-text, #fff); border-color: transparent; }
  `,
];

export const occupantListStyles = css`
  :host { display: flex; flex-direction: column; min-block-size: 0; background: var(--xmpp-chat-background, #fff); }
  [part~='occupant-list'] { flex: 1 1 0; overflow-y: auto; overscroll-behavior: contain; }
  [part~='occupant-list']:focus-visible { outline: 2px solid var(--xmpp-chat-accent, #2563eb); outline-offset: -2px; }
  .spacer { position: relative; }
  .row {
    position: absolute;
    inset-inline: 0;
    block-size: 36px;
    display: flex;
    align-items: center;
    gap: 6px;
    padding-inline: 14px;
    white-space: nowrap;
  }
  .nick { overflow: hidden; text-overflow: ellipsis; min-inline-size: 0; }
  .self .nick { font-weight: 600; }
  .muted { color: var(--xmpp-chat-muted, #475569); font-size: 13px; }
  .role {
    margin-inline-start: auto;
    padding: 1px 6px;
    font-size: 12px;
    border-radius: 999px;
    border: 1px solid var(--xmpp-chat-muted, #475569);
    color: var(--xmpp-chat-muted, #475569);
  }
  .menu { flex: none; min-inline-size: 32px; min-block-size: 28px; padding: 0 6px; border: 1px solid transparent; border-radius: 6px;
    background: none; color: inherit; font: inherit; font-size: 18px; line-height: 1; cursor: pointer; }
  .role + .menu, .nick + .menu, .muted + .menu { margin-inline-start: auto; }
  .role + .menu { margin-inline-start: 4px; }
  .menu:hover { background: var(--xmpp-chat-bubble-in, #f1f5f9); }
  .menu:focus-visible { outline: 2px solid var(--xmpp-chat-accent, #2563eb); outline-offset: 1px; }
  .role.moderator { border-color: var(--xmpp-chat-accent, #2563eb); color: var(--xmpp-chat-accent, #2563eb); }
`;
