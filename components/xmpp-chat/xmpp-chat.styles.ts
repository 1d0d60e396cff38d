import { css } from 'lit';

/**
 * Layout uses px, never rem: the host page's root font size must not resize the widget. The root
 * resets every inherited property, so hostile page CSS cannot reach inside.
 */
export const styles = css`
  :host {
    --xmpp-chat-accent: #2563eb;
    --xmpp-chat-accent-text: #ffffff;
    --xmpp-chat-text: #0f172a;
    --xmpp-chat-muted: #475569;
    --xmpp-chat-background: #ffffff;
    --xmpp-chat-bubble-in: #f1f5f9;
    --xmpp-chat-border: #e2e8f0;
    display: contents;
  }
  :host([theme='dark']) {
    --xmpp-chat-accent: #2563eb;
    --xmpp-chat-accent-text: #ffffff;
    --xmpp-chat-text: #e2e8f0;
    --xmpp-chat-muted: #a3b1c6;
    --xmpp-chat-background: #0f172a;
    --xmpp-chat-bubble-in: #1e293b;
    --xmpp-chat-border: #334155;
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      --xmpp-chat-accent: #2563eb;
      --xmpp-chat-text: #e2e8f0;
      --xmpp-chat-muted: #a3b1c6;
      --xmpp-chat-background: #0f172a;
      --xmpp-chat-bubble-in: #1e293b;
      --xmpp-chat-border: #334155;
    }
  }
  .root {
    all: initial;
    display: block;
    font: 15px/1.45 var(--xmpp-chat-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    color: var(--xmpp-chat-text);
    -webkit-text-size-adjust: 100%;
  }
  .root *, .root *::before, .root *::after { box-sizing: border-box; }
  [hidden] { display: none !important; }
  .launcher {
    all: unset;
    position: fixed;
    inset-block-end: 20px;
    inset-inline-end: 20px;
    z-index: var(--xmpp-chat-z-index, 2147483000);
    inline-size: var(--xmpp-chat-launcher-size, 56px);
    block-size: var(--xmpp-chat-launcher-size, 56px);
    border-radius: 50%;
    display: grid;
    place-items: center;
    background: var(--xmpp-chat-accent);
    color: var(--xmpp-chat-accent-text);
    box-shadow: 0 6px 20px rgb(15 23 42 / 0.25);
    cursor: pointer;
    transition: transform 0.15s ease;
  }
  .left .launcher { inset-inline-end: auto; inset-inline-start: 20px; }
  .launcher:hover { transform: scale(1.05); }
  .launcher:focus-visible { outline: 3px solid var(--xmpp-chat-text); outline-offset: 3px; }
  .badge {
    position: absolute;
    inset-block-start: -4px;
    inset-inline-end: -4px;
    min-inline-size: 22px;
    block-size: 22px;
    padding: 0 6px;
    border-radius: 11px;
    background: #b91c1c;
    color: #ffffff;
    font: 600 12px/22px var(--xmpp-chat-font, system-ui, sans-serif);
    text-align: center;
  }
  .panel {
    display: flex;
    flex-direction: column;
    overflow: hidden;
    background: var(--xmpp-chat-background);
    color: var(--xmpp-chat-text);
  }
  .visitor .panel {
    position: fixed;
    z-index: var(--xmpp-chat-z-index, 2147483000);
    inset-block-end: calc(32px + var(--xmpp-chat-launcher-size, 56px));
    inset-inline-end: 20px;
    inline-size: var(--xmpp-chat-panel-width, 380px);
    block-size: var(--xmpp-chat-panel-height, 600px);
    max-block-size: calc(100vh - 120px);
    border-radius: var(--xmpp-chat-radius, 16px);
    box-shadow: 0 12px 40px rgb(15 23 42 / 0.28);
    animation: rise 0.18s ease-out;
  }
  .left.visitor .panel { inset-inline-end: auto; inset-inline-start: 20px; }
  .full .panel {
    position: relative;
    inline-size: 100%;
    block-size: var(--xmpp-chat-panel-height, 100%);
    min-block-size: 420px;
    border: 1px solid var(--xmpp-chat-border);
    border-radius: var(--xmpp-chat-radius, 16px);
  }
  .full { block-size: 100%; }
  .loading { margin: auto; color: var(--xmpp-chat-muted); }
  xmpp-chat-panel { display: flex; flex: 1; min-block-size: 0; }
  @keyframes rise { from { opacity: 0; transform: translateY(12px); } }
  @media (max-width: 479.98px) {
    .visitor .panel {
      inset: 0;
      inline-size: 100%;
      block-size: 100%;
      max-block-size: none;
      border-radius: 0;
    }
    .visitor.open .launcher { display: none; }
  }
  @media (prefers-reduced-motion: reduce) {
    .panel { animation: none; }
    .launcher { transition: none; }
  }
`;
