import { css } from 'lit';

// Added to the list's own styles when message-extras.ts loads. Colours come from the same custom
// properties as the list's, so the dark theme applies; every default meets WCAG AA on its background.
export const extrasStyles = css`
  .message { position: relative; }
  .row:focus { outline: none; }
  .row:focus-visible { outline: 2px solid var(--xmpp-chat-accent, #2563eb); outline-offset: -2px; border-radius: 8px; }

  .bubble code, .bubble pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.9em; }
  .bubble pre { margin: 4px 0; padding: 6px 8px; border-radius: 8px; background: rgb(127 127 127 / 0.15); white-space: pre-wrap; }
  .bubble blockquote { margin: 2px 0; padding-inline-start: 8px; border-inline-start: 3px solid currentColor; }
  .bubble.me { font-style: italic; }
  .bubble.retracted {
    background: none;
    color: var(--xmpp-chat-muted, #475569);
    font-style: italic;
    box-shadow: inset 0 0 0 1px currentColor;
  }

  .reply-quote {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    max-inline-size: 100%;
    min-block-size: 0;
    margin-block-end: 2px;
    padding: 4px 10px;
    border: none;
    border-inline-start: 3px solid var(--xmpp-chat-accent, #2563eb);
    border-radius: 8px;
    background: var(--xmpp-chat-bubble-in, #f1f5f9);
    color: var(--xmpp-chat-text, #0f172a);
    font-size: 13px;
    text-align: start;
  }
  .quote-author { font-size: 12px; font-weight: 600; }
  .quote-text {
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 2;
    overflow: hidden;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }

  .image {
    display: block;
    max-inline-size: 100%;
    min-block-size: 0;
    margin-block-end: 2px;
    padding: 0;
    border: none;
    border-radius: 12px;
    overflow: hidden;
    background: var(--xmpp-chat-bubble-in, #f1f5f9);
    line-height: 0;
    cursor: zoom-in;
  }
  /* An encrypted image, shown from the page's memory: not opened full size. */
  .image.still { cursor: default; }
  .image img { display: block; max-inline-size: 100%; block-size: auto; }
  .image.unsized img { inline-size: 64px; block-size: 64px; }
  .image.unsized img.natural { inline-size: auto; block-size: auto; max-block-size: 320px; }

  .file {
    display: grid;
    justify-items: start;
    gap: 2px;
    min-inline-size: min(14em, 100%);
    max-inline-size: 100%;
    margin-block-end: 2px;
    padding: 8px 12px;
    border: 1px solid var(--xmpp-chat-border, #e2e8f0);
    border-radius: 12px;
    background: var(--xmpp-chat-background, #fff);
  }
  .file-name { font-weight: 600; overflow-wrap: anywhere; }
  .file-facts { font-size: 12px; color: var(--xmpp-chat-muted, #475569); }
  .file a { color: var(--xmpp-chat-accent, #2563eb); font-weight: 600; text-underline-offset: 2px; }
  .file a:focus-visible { outline: 2px solid currentColor; outline-offset: 1px; border-radius: 2px; }
  .show-image { margin-block-start: 4px; border: 1px solid currentColor; background: none; color: var(--xmpp-chat-accent, #2563eb); font-weight: 600; }

  .reactions { display: flex; flex-wrap: wrap; gap: 4px; margin-block-start: 2px; }
  .reaction, .actions button { min-block-size: 28px; min-inline-size: 28px; border-radius: 999px; color: var(--xmpp-chat-text, #0f172a); }
  .reaction {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    padding: 0 8px;
    border: 1px solid var(--xmpp-chat-border, #e2e8f0);
    background: var(--xmpp-chat-background, #fff);
    font-size: 13px;
  }
  .reaction[aria-pressed='true'], .quick[aria-pressed='true'] {
    border-color: var(--xmpp-chat-accent, #2563eb);
    background: color-mix(in srgb, var(--xmpp-chat-accent, #2563eb) 14%, var(--xmpp-chat-background, #fff));
  }

  .actions {
    position: absolute;
    inset-block-start: -10px;
    z-index: 1;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 2px;
    max-inline-size: 100%;
    padding: 2px;
    border: 1px solid var(--xmpp-chat-border, #e2e8f0);
    border-radius: 12px;
    background: var(--xmpp-chat-background, #fff);
    box-shadow: 0 2px 6px rgb(15 23 42 / 0.15);
    opacity: 0;
    pointer-events: none;
  }
  .in .actions { inset-inline-end: 0; }
  .out .actions { inset-inline-start: 0; }
  .row:hover .actions, .actions:focus-within, .actions.open { opacity: 1; pointer-events: auto; }
  .actions button { display: inline-grid; place-items: center; padding: 2px; border: 1px solid transparent; background: none; }
  .actions button:hover { background: var(--xmpp-chat-bubble-in, #f1f5f9); }
  .actions svg { inline-size: 18px; block-size: 18px; fill: none; stroke: currentColor; stroke-width: 1.8; stroke-linecap: round; stroke-linejoin: round; }
  .actions.confirm { gap: 6px; padding: 4px 4px 4px 10px; font-size: 13px; }
  .confirm button { padding: 2px 12px; border-color: currentColor; }
  .actions button.remove { padding-inline: 10px; font-size: 13px; }
  .confirm .danger { color: var(--xmpp-chat-danger, #dc2626); font-weight: 600; }
  .picker-layer { position: absolute; inset-inline: 0; inset-block-end: 8px; z-index: 2; display: flex; justify-content: center; pointer-events: none; }
  .picker-layer > * { pointer-events: auto; }

  .viewer { max-inline-size: 100vw; max-block-size: 100vh; padding: 0; border: none; background: transparent; overflow: visible; }
  .viewer::backdrop { background: rgb(15 23 42 / 0.85); }
  .viewer img { display: block; max-inline-size: 95vw; max-block-size: 90vh; }
  .viewer .close {
    position: fixed;
    inset-block-start: 12px;
    inset-inline-end: 12px;
    min-inline-size: 40px;
    min-block-size: 40px;
    padding: 0;
    border: none;
    background: var(--xmpp-chat-background, #fff);
    color: var(--xmpp-chat-text, #0f172a);
    font-size: 22px;
  }

  @media (forced-colors: active) {
    .actions, .reaction, .file, .reply-quote, .bubble.retracted { border: 1px solid CanvasText; }
  }
`;
