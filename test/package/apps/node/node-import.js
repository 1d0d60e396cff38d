// Server rendering imports the page's modules in Node: both entries must load there without a
// DOM (no window, document, customElements or HTMLElement) and register nothing.
const widget = await import('xmpp-chat');
const core = await import('xmpp-chat/core');
for (const name of ['window', 'document', 'customElements', 'HTMLElement']) {
  if (name in globalThis) throw new Error(`${name} is defined after the imports`);
}
if (typeof core.createClient !== 'function' || typeof core.createChat !== 'function')
  throw new Error('the core lacks createClient or createChat');
if (typeof widget.mountFromScript !== 'function' || widget.mountFromScript() !== undefined)
  throw new Error('the server entry mounts something');
const manifest = await import('xmpp-chat/custom-elements.json', { with: { type: 'json' } });
if (!manifest.default.modules.length) throw new Error('custom-elements.json is empty');
console.log(`widget entry: ${Object.keys(widget).join(', ')}; core entry: ${Object.keys(core).length} exports`);
