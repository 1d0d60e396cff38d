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
