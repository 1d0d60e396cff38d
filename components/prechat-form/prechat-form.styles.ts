import { css } from 'lit';
import { controls, ownText } from '../shared.styles.ts';

// Inherited text properties are all set here, so hostile page CSS on ancestors cannot leak in.
export const styles = css`
  :host { display: block; }
  *, *::before, *::after { box-sizing: border-box; }
  [part~='prechat-form'] {
    display: flex;
    flex-direction: column;
    gap: 4px;
    margin: 0;
    padding: 12px 14px 14px;
    border-block-start: 1px solid var(--xmpp-chat-border, #e2e8f0);
    ${ownText}
  }
  #intro { margin: 0 0 4px; }
  label { margin-block-start: 6px; font-weight: 500; }
  .optional { font-weight: 400; color: var(--xmpp-chat-muted, #475569); }
  ${controls}
  input[aria-invalid='true'] { border-color: #b91c1c; }
  .problem { margin: 4px 0 0; color: #b91c1c; font-size: 14px; }
  [part~='prechat-submit'] {
    margin-block-start: 10px;
    min-block-size: 40px;
    font-size: 16px;
    font-weight: 600;
    border: 0;
    background: var(--xmpp-chat-accent, #2563eb);
    color: var(--xmpp-chat-accent-text, #fff);
  }
  [part~='prechat-submit']:hover { filter: brightness(0.92); }
  input:focus-visible, [part~='prechat-submit']:focus-visible { outline: 2px solid var(--xmpp-chat-accent, #2563eb); outline-offset: 2px; }
  @media (forced-colors: active) { [part~='prechat-submit'] { border: 1px solid ButtonText; } }
`;
