import { css } from 'lit';

// The host page may style anything it likes, so everything the list needs is set here. Spacing
// between rows is padding, not margin, so a row's measured height is all the room it takes.
// Default colours meet WCAG AA: text on bubbles, muted text and links all reach 4.5:1; the dark
// theme of <xmpp-chat> sets the same custom properties.
export const styles = css`
  :host {
    all: initial;
    display: flex;
    flex-direction: column;
    position: relative;
    min-block-size: 0;
    box-sizing: border-box;
    font-family: var(--xmpp-chat-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: 15px;
    line-height: 1.45;
    color: var(--xmpp-chat-text, #0f172a);
    background: var(--xmpp-chat-background, #fff);
    text-align: start;
  }
  :host([hidden]) { display: none; }
  *, *::before, *::after { box-sizing: inherit; }

  .scroller {
    flex: 1 1 auto;
    min-block-size: 0;
    overflow-x: hidden;
    overflow-y: auto;
    overflow-anchor: none; /* the list keeps its own anchor; the browser's would fight it */
    overscroll-behavior: contain;
    scrollbar-gutter: stable; /* a scrollbar coming and going would rewrap every row */
    position: relative;
    padding-inline: 12px;
  }
  .scroller:focus-visible { outline: 2px solid var(--xmpp-chat-accent, #2563eb); outline-offset: -2px; }

  .row { display: flow-root; padding-block-start: 10px; }
  .row.grouped { padding-block-start: 2px; }
  .message { display: flex; flex-direction: column; align-items: flex-start; max-inline-size: min(80%, 36em); }
  .out .message { margin-inline-start: auto; align-items: flex-end; }

  .bubble {
    padding: 8px 12px;
    border-radius: var(--xmpp-chat-radius, 16px);
    background: var(--xmpp-chat-bubble-in, #f1f5f9);
    color: var(--xmpp-chat-text, #0f172a);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    max-inline-size: 100%;
  }
  .out .bubble { background: var(--xmpp-chat-accent, #2563eb); color: var(--xmpp-chat-accent-text, #fff); }
  .bubble a { color: inherit; text-decoration: underline; text-underline-offset: 2px; }
  .bubble a:focus-visible { outline: 2px solid currentColor; outline-offset: 1px; border-radius: 2px; }

  .nick { padding-inline: 4px; font-size: 12px; font-weight: 600; overflow-wrap: anywhere; }
  .meta, .day, .notice, .typing { color: var(--xmpp-chat-muted, #475569); font-size: 12px; }
  .meta { display: flex; align-items: center; gap: 4px; padding-inline: 4px; margin-block-start: 2px; }
  .state { display: inline-flex; align-items: center; gap: 2px; }
  .state svg { inline-size: 16px; block-size: 16px; fill: none; stroke: currentColor; stroke-width: 1.6; stroke-linecap: round; stroke-linejoin: round; }
  .state.read svg { color: var(--xmpp-chat-accent, #2563eb); }
  /* Failure is marked in red graphics (3:1 on light and dark backgrounds); its words keep the text colour. */
  .state.failed svg, .retry { color: var(--xmpp-chat-danger, #dc2626); }
  /* A room message naming us: a bar on the reading side, not colour alone. */
  .mention .bubble { border-inline-start: 4px solid var(--xmpp-chat-accent, #2563eb); font-weight: 500; }
  .failed-row .bubble { box-shadow: 0 0 0 2px var(--xmpp-chat-danger, #dc2626); }
  .note { margin: 6px 0 2px; font-size: 13px; text-align: end; color: var(--xmpp-chat-muted, #475569); }
  .error { display: flex; flex-wrap: wrap; align-items: center; justify-content: flex-end; gap: 4px 8px; font-size: 13px; margin-block-start: 2px; text-align: end; }

  button {
    font: inherit;
    min-block-size: 32px;
    padding: 4px 14px;
    border-radius: 999px;
    cursor: pointer;
  }
  button:focus-visible { outline: 2px solid var(--xmpp-chat-accent, #2563eb); outline-offset: 2px; }
  .retry { border: 2px solid currentColor; background: var(--xmpp-chat-background, #fff); }
  .retry span { color: var(--xmpp-chat-text, #0f172a); }
  .jump {
    position: absolute;
    inset-inline: 0;
    inset-block-end: 12px;
    margin-inline: auto;
    inline-size: fit-content;
    min-block-size: 36px;
    border: none;
    background: var(--xmpp-chat-accent, #2563eb);
    color: var(--xmpp-chat-accent-text, #fff);
    font-weight: 600;
    box-shadow: 0 2px 8px rgb(15 23 42 / 0.25);
  }

  .day { display: flex; justify-content: center; padding-block: 12px 4px; font-weight: 600; }
  .notice { display: flex; justify-content: center; align-items: center; gap: 8px; padding: 12px; font-size: 13px; text-align: center; }
  .spinner {
    inline-size: 14px;
    block-size: 14px;
    border: 2px solid currentColor;
    border-block-start-color: transparent;
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
  }
  .typing { display: flex; align-items: center; gap: 8px; padding-block: 8px 12px; font-size: 13px; }
  .dots { display: inline-flex; gap: 3px; padding: 8px 10px; border-radius: var(--xmpp-chat-radius, 16px); background: var(--xmpp-chat-bubble-in, #f1f5f9); }
  .dots span { inline-size: 6px; block-size: 6px; border-radius: 50%; background: currentColor; animation: blink 1.2s infinite both; }
  .dots span:nth-child(2) { animation-delay: 0.2s; }
  .dots span:nth-child(3) { animation-delay: 0.4s; }
  @keyframes spin { to { transform: rotate(1turn); } }
  @keyframes blink { 0%, 80%, 100% { opacity: 0.3; } 40% { opacity: 1; } }
  @media (prefers-reduced-motion: reduce) {
    .spinner, .dots span { animation: none; }
  }
  @media (forced-colors: active) {
    .bubble, .jump { border: 1px solid CanvasText; }
  }

  .sr {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
