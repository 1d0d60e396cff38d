import { css } from 'lit';
import { controls, ownText, srOnly } from '../shared.styles.ts';

// Inherited text properties are all set here, so hostile page CSS on ancestors cannot leak in.
export const styles = css`
  :host { display: block; }
  [hidden] { display: none !important; }
  *, *::before, *::after { box-sizing: border-box; }
  ${srOnly}
  h3, p, ol, ul, form { margin: 0; padding: 0; }
  ol, ul { list-style: none; }
  ${controls}
  textarea {
    inline-size: 100%;
    font: inherit;
    font-size: 16px;
    color: inherit;
    background: var(--xmpp-chat-background, #fff);
    border: 1px solid var(--xmpp-chat-muted, #475569);
    border-radius: calc(var(--xmpp-chat-radius, 12px) / 2);
    padding: 4px 8px;
    resize: vertical;
  }
  button:focus-visible, input:focus-visible, textarea:focus-visible {
    outline: 2px solid var(--xmpp-chat-accent, #2563eb);
    outline-offset: 2px;
  }
  .root {
    display: flex;
    flex-direction: column;
    gap: 8px;
    padding: 8px 14px;
    ${ownText}
    font-size: 14px;
  }
  .title { font-size: 14px; font-weight: 600; }
  .hint, .meta, label { color: var(--xmpp-chat-muted, #475569); font-size: 13px; }
  .labels { display: flex; flex-wrap: wrap; gap: 4px; }
  .labels:empty { display: none; }
  .label {
    display: inline-flex;
    align-items: center;
    gap: 2px;
    padding-inline-start: 8px;
    border: 1px solid var(--xmpp-chat-muted, #475569);
    border-radius: 16px;
    overflow-wrap: anywhere;
  }
  .label button { border: none; border-radius: 16px; min-inline-size: 28px; min-block-size: 28px; padding: 0 6px; background: transparent; }
  .add-label { display: flex; gap: 6px; }
  .add-label input { flex: 1 1 auto; min-inline-size: 0; font-size: 16px; }
  .list { display: flex; flex-direction: column; gap: 6px; max-block-size: 240px; overflow-y: auto; }
  .note { padding: 6px 8px; border-radius: calc(var(--xmpp-chat-radius, 12px) / 2); background: #fefce8; color: #0f172a; }
  .note[data-kind='transfer'] { border-inline-start: 3px solid #b45309; }
  .note .meta { color: #475569; }
  .text { white-space: pre-wrap; overflow-wrap: anywhere; }
  .add-note { display: grid; gap: 4px; }
  .add-note .actions { display: flex; gap: 6px; }
  .write { align-self: flex-start; }
  @media (forced-colors: active) {
    .note { border: 1px solid CanvasText; }
  }
`;
