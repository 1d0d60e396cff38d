import { expect } from '@esm-bundle/chai';
import { PANEL_PARTS, PARTS, exportparts } from './parts.ts';
import { DESK_PANEL_PARTS, passOnDeskParts } from './chat-panel/desk-parts.ts';
import { ROOM_PARTS } from './room-view/room-parts.ts';
import { ENCRYPTION_PARTS } from './chat-panel/encryption.ts';

describe('parts', () => {
  it('passes on each part once, by the name the page sees', () => {
    const names = PANEL_PARTS.split(', ');
    expect(names).to.have.length(new Set(names).size);
    expect(names).to.include.members(['header', 'message-list', 'send-button', 'replies-button', 'reply-save-button']);
    expect(names.some((name) => name.includes(':'))).to.equal(false);
    expect(exportparts(PARTS.composer)).to.match(/^composer, input, send-button, attach-button, file-input, emoji-button/);
  });

  it('passes on exactly the parts <xmpp-chat> documents, besides its own', async () => {
    type Declaration = { tagName?: string; cssParts?: { name: string }[] };
    const manifest = (await (await fetch('/custom-elements.json')).json()) as { modules: { declarations?: Declaration[] }[] };
    const widget = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'xmpp-chat')!;
    const documented = widget.cssParts!.map(({ name }) => name).filter((name) => !['launcher', 'unread-badge', 'panel'].includes(name));
    // The team desk's parts are passed on in full mode, once the desk is made; a room's in room mode;
    // encryption's where it is on.
    const passed = new Set([...PANEL_PARTS.split(', '), ...DESK_PANEL_PARTS, ...ROOM_PARTS, ...ENCRYPTION_PARTS]);
    expect([...passed].sort()).to.deep.equal(documented.sort());
  });

  it('adds the desk’s parts to what the panel passes on, once', () => {
    const panel = document.createElement('div');
    passOnDeskParts(panel);
    expect(panel.hasAttribute('exportparts')).to.equal(false);
    panel.setAttribute('exportparts', 'header, transcript-button');
    passOnDeskParts(panel);
    passOnDeskParts(panel);
    const names = panel.getAttribute('exportparts')!.split(', ');
    expect(names).to.have.length(new Set(names).size);
    expect(names).to.include.members(['header', 'transcript-button', 'inbox-filter', 'assign-button', 'note', 'keyboard-help']);
  });
});
