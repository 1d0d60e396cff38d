/** The custom-elements manifest describes the public element as the README does. */
import { expect } from '@esm-bundle/chai';

interface Declaration {
  tagName?: string;
  attributes?: { name: string }[];
  events?: { name: string }[];
  cssParts?: { name: string }[];
  cssProperties?: { name: string }[];
  members?: { name: string; kind: string }[];
}

describe('custom-elements.json', () => {
  it('lists <xmpp-chat> with its attributes, methods, events, parts and custom properties', async () => {
    const manifest = (await (await fetch('/custom-elements.json')).json()) as { modules: { declarations?: Declaration[] }[] };
    const widget = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'xmpp-chat')!;
    const names = (list?: { name: string }[]) => (list ?? []).map((x) => x.name);
    expect(names(widget.attributes)).to.include.members([
      'service',
      'domain',
      'jid',
      'password',
      'anonymous',
      'to',
      'mode',
      'open',
      'position',
      'lang',
      'theme',
      'title',
      'debug',
      'room',
      'nick',
    ]);
    expect(names(widget.members)).to.include.members(['open', 'close', 'toggle', 'connect', 'disconnect', 'send']);
    expect(names(widget.events)).to.include.members([
      'xmpp-chat-ready',
      'xmpp-chat-open',
      'xmpp-chat-close',
      'xmpp-chat-connected',
      'xmpp-chat-disconnected',
      'xmpp-chat-message',
      'xmpp-chat-unread',
      'xmpp-chat-error',
    ]);
    expect(names(widget.cssParts)).to.include.members([
      'launcher',
      'unread-badge',
      'panel',
      'header',
      'status',
      'contact-list',
      'contact',
      'message-list',
      'message',
      'message-body',
      'composer',
      'input',
      'send-button',
      'occupant-list',
      'occupant',
      'nick-input',
      'room-password-input',
    ]);
    expect(names(widget.cssProperties)).to.include.members([
      '--xmpp-chat-accent',
      '--xmpp-chat-font',
      '--xmpp-chat-radius',
      '--xmpp-chat-launcher-size',
      '--xmpp-chat-panel-width',
      '--xmpp-chat-panel-height',
      '--xmpp-chat-z-index',
    ]);
  });
});
