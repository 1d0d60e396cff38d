// Server rendering imports the page's modules in Node: both entries must load there without a
// DOM (no window, document, customElements or HTMLElement) and register nothing.
import { readFileSync } from 'node:fs';

const widget = await import('xmpp-chat');
const core = await import('xmpp-chat/core');
for (const name of ['window', 'document', 'customElements', 'HTMLElement']) {
  if (name in globalThis) throw new Error(`${name} is defined after the imports`);
}
if (typeof core.createClient !== 'function' || typeof core.createChat !== 'function')
  throw new Error('the core lacks createClient or createChat');
if (typeof widget.mountFromScript !== 'function' || widget.mountFromScript() !== undefined)
  throw new Error('the server entry mounts something');
const manifest = (await import('xmpp-chat/custom-elements.json', { with: { type: 'json' } })).default;
if (!manifest.modules.length) throw new Error('custom-elements.json is empty');

// The CHANGELOG names the public API; what it does not name yet is reported (a release adds it).
const changelog = readFileSync('node_modules/xmpp-chat/CHANGELOG.md', 'utf8');
const element = manifest.modules.flatMap((module) => module.declarations ?? []).find((declaration) => declaration.tagName === 'xmpp-chat');
const names = [
  ...Object.keys(core),
  ...(element?.attributes ?? []).map((attribute) => attribute.name),
  ...(element?.events ?? []).map((event) => event.name),
];
const unlisted = names.filter((name) => !changelog.includes(`\`${name}`));
console.log(
  `widget entry: ${Object.keys(widget).join(', ')}; core entry: ${Object.keys(core).length} exports` +
    (unlisted.length > 0 ? `; not yet in CHANGELOG.md: ${unlisted.join(', ')}` : '; all named in CHANGELOG.md'),
);
