import { css } from 'lit';

export const styles = css`
  :host {
    display: inline-block;
    flex: none;
    inline-size: var(--xmpp-chat-avatar-size, 32px);
    block-size: var(--xmpp-chat-avatar-size, 32px);
    vertical-align: middle;
  }
  .avatar {
    display: grid;
    place-items: center;
    inline-size: 100%;
    block-size: 100%;
    overflow: hidden;
    border-radius: var(--xmpp-chat-avatar-radius, 50%);
    background: var(--xmpp-chat-avatar-background, #475569);
    color: var(--xmpp-chat-avatar-text, #fff);
    font-family: var(--xmpp-chat-font, system-ui, sans-serif);
    font-size: calc(var(--xmpp-chat-avatar-size, 32px) * 0.4);
    font-weight: 600;
    font-style: normal;
    line-height: 1;
    letter-spacing: normal;
    text-transform: none;
    user-select: none;
  }
  /* Initials get one of eight colours by name, each with white text at a contrast of 4.5:1 or more. */
  .hue-0 { background: var(--xmpp-chat-avatar-background, #1d4ed8); }
  .hue-1 { background: var(--xmpp-chat-avatar-background, #047857); }
  .hue-2 { background: var(--xmpp-chat-avatar-background, #b91c1c); }
  .hue-3 { background: var(--xmpp-chat-avatar-background, #7e22ce); }
  .hue-4 { background: var(--xmpp-chat-avatar-background, #92400e); }
  .hue-5 { background: var(--xmpp-chat-avatar-background, #0e7490); }
  .hue-6 { background: var(--xmpp-chat-avatar-background, #be185d); }
  .hue-7 { background: var(--xmpp-chat-avatar-background, #3f6212); }
  img {
    inline-size: 100%;
    block-size: 100%;
    object-fit: cover;
    display: block;
  }
`;
