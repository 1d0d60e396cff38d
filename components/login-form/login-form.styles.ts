import { css } from 'lit';
import { ownText, srOnly } from '../shared.styles.ts';

// Inherited text properties are all set here, so hostile page CSS on ancestors cannot leak in.
export const styles = css`
  :host { display: block; }
  [part~='login-form'] {
    display: flex;
    flex-direction: column;
    gap: 6px;
    margin: 0;
    padding: 16px;
    box-sizing: border-box;
    ${ownText}
  }
  *, *::before, *::after { box-sizing: border-box; }
  [part~='title'] { margin: 0 0 8px; font-size: 18px; font-weight: 600; }
  label { margin-block-start: 6px; font-weight: 500; color: var(--xmpp-chat-text, #0f172a); }
  label.remember { display: flex; align-items: center; gap: 8px; font-weight: 400; }
  label.remember input { inline-size: 20px; min-block-size: 20px; block-size: 20px; margin: 0; flex: none; }
  input, button {
    margin: 0;
    font-family: inherit;
    letter-spacing: inherit;
    text-transform: none;
  }
  input {
    /* 16px keeps mobile browsers from zooming into the field. */
    font-size: 16px;
    inline-size: 100%;
    min-block-size: 44px;
    padding-block: 8px;
    padding-inline: 12px;
    color: inherit;
    border: 1px solid var(--xmpp-chat-muted, #475569);
    border-radius: calc(var(--xmpp-chat-radius, 12px) / 2);
    background: var(--xmpp-chat-background, #fff);
  }
  input[aria-invalid='true'] { border-color: #b91c1c; }
  input[readonly] { background: color-mix(in srgb, var(--xmpp-chat-muted, #475569) 8%, var(--xmpp-chat-background, #fff)); }
  .hint { margin: 2px 0 0; font-size: 13px; color: var(--xmpp-chat-muted, #475569); }
  .problem { margin: 4px 0 0; color: #b91c1c; font-size: 14px; }
  .error:not(:empty) {
    padding: 8px 12px;
    border: 1px solid #b91c1c;
    border-inline-start-width: 4px;
    border-radius: calc(var(--xmpp-chat-radius, 12px) / 2);
    color: #7f1d1d;
    background: #fef2f2;
    overflow-wrap: anywhere;
  }
  [part~='submit-button'] {
    margin-block-start: 12px;
    min-block-size: 44px;
    padding-inline: 16px;
    font-size: 16px;
    font-weight: 600;
    border: 0;
    border-radius: calc(var(--xmpp-chat-radius, 12px) / 2);
    background: var(--xmpp-chat-accent, #2563eb);
    color: var(--xmpp-chat-accent-text, #fff);
    cursor: pointer;
    transition: filter 120ms ease;
  }
  [part~='submit-button']:hover { filter: brightness(0.92); }
  [part~='submit-button'][aria-disabled='true'] { cursor: progress; }
  input:focus-visible, [part~='submit-button']:focus-visible {
    outline: 2px solid var(--xmpp-chat-accent, #2563eb);
    outline-offset: 2px;
  }
  ${srOnly}
  @media (prefers-reduced-motion: reduce) {
    [part~='submit-button'] { transition: none; }
  }
  @media (forced-colors: active) {
    [part~='submit-button'] { border: 1px solid ButtonText; }
  }
`;
