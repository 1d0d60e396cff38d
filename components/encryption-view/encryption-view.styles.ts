import { css } from 'lit';
import { controls, ownText } from '../shared.styles.ts';

// Inherited text properties are all set here, so hostile page CSS on ancestors cannot leak in.
export const styles = css`
  :host { display: block; ${ownText} font-size: 14px; overflow: auto; }
  *, *::before, *::after { box-sizing: border-box; }
  .view { display: grid; gap: 8px; padding: 12px 14px; }
  h2, h3, p, ul { margin: 0; }
  h2 { font-size: 16px; }
  h3 { font-size: 14px; margin-block-start: 8px; }
  ul { padding: 0; list-style: none; display: grid; gap: 8px; }
  .muted { color: var(--xmpp-chat-muted, #475569); }
  .failed { color: var(--xmpp-chat-danger, #dc2626); }
  ${controls}
  button:disabled { cursor: not-allowed; opacity: 0.55; }
  button:focus-visible { outline: 2px solid var(--xmpp-chat-accent, #2563eb); outline-offset: 2px; }
  .back { display: inline-flex; align-items: center; gap: 4px; }
  .back svg { fill: none; stroke: currentColor; stroke-width: 2; }
  .own, .device { display: grid; gap: 4px; padding: 8px; border: 1px solid var(--xmpp-chat-border, #e2e8f0); border-radius: 8px; }
  .fingerprint { font-family: ui-monospace, monospace; font-size: 13px; line-height: 1.6; word-spacing: 0.4em; }
  .fingerprint span { white-space: nowrap; }
  .qr { inline-size: 168px; block-size: 168px; shape-rendering: crispEdges; }
  .trust.verified { color: #15803d; font-weight: 600; }
  .trust.distrusted, .trust.undecided { color: var(--xmpp-chat-danger, #dc2626); font-weight: 600; }
  .buttons { display: flex; flex-wrap: wrap; gap: 6px; }
`;
