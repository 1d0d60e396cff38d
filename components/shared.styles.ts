import { css } from 'lit';

/**
 * Declarations that set every inherited text property, so that a host page's styles on the
 * widget's ancestors cannot leak into an element. Used inside a rule: `:host { ${ownText} }`.
 */
export const ownText = css`
    background: var(--xmpp-chat-background, #fff);
    color: var(--xmpp-chat-text, #0f172a);
    font-family: var(--xmpp-chat-font, system-ui, sans-serif);
    font-size: 15px;
    font-style: normal;
    font-weight: 400;
    line-height: 1.4;
    letter-spacing: normal;
    word-spacing: normal;
    text-align: start;
    text-transform: none;
    text-indent: 0;
    white-space: normal;
    visibility: visible;`;

/** Text for screen readers only. */
export const srOnly = css`
  .sr-only {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }`;

/** Buttons and text fields of the widget's forms (contact list, saved replies, pre-chat form): plain, bordered, at least 32px. */
export const controls = css`
  button, input {
    margin: 0;
    font: inherit;
    color: inherit;
    letter-spacing: inherit;
    text-transform: none;
    /* The muted colour, not the border colour: an edge needs 3:1 contrast to be seen. */
    border: 1px solid var(--xmpp-chat-muted, #475569);
    border-radius: calc(var(--xmpp-chat-radius, 12px) / 2);
    background: var(--xmpp-chat-background, #fff);
  }
  button {
    min-block-size: 32px;
    min-inline-size: 32px;
    padding-block: 4px;
    padding-inline: 12px;
    cursor: pointer;
  }
  input {
    /* 16px keeps mobile browsers from zooming into the field. */
    font-size: 16px;
    inline-size: 100%;
    min-block-size: 40px;
    padding-block: 6px;
    padding-inline: 10px;
  }`;
