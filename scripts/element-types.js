// Writes dist/elements.d.ts from custom-elements.json: every element by tag name (the DOM's
// HTMLElementTagNameMap, so `document.querySelector('xmpp-chat')` is an XmppChat), the events each
// fires, and the helper types the framework declarations (scripts/framework-types.js) build on.
// Generated, not written by hand, so an element added to components/ is typed with the next build.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { REACT, VUE } from './framework-types.js';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));

/** `xmpp-chat-message-list` → `XmppChatMessageListElement`: one name per tag, whatever the class is called. */
const typeName = (tag) => `${tag.replace(/(^|-)([a-z0-9])/g, (_, _dash, letter) => letter.toUpperCase())}Element`;

const elements = manifest.modules
  .flatMap((module) =>
    (module.exports ?? [])
      .filter((entry) => entry.kind === 'custom-element-definition')
      .map((entry) => {
        const declaration = module.declarations?.find((d) => d.name === entry.declaration.name);
        const events = (declaration?.events ?? []).map((event) => event.name).filter(Boolean);
        return { tag: entry.name, className: entry.declaration.name, module: entry.declaration.module, events };
      }),
  )
  .sort((a, b) => a.tag.localeCompare(b.tag));
if (!elements.some((element) => element.tag === 'xmpp-chat')) throw new Error('element-types: custom-elements.json has no <xmpp-chat>');

const lines = [
  '// Generated from custom-elements.json by scripts/element-types.js.',
  "import type { LitElement } from 'lit';",
  "import type { XmppChatEventMap } from './types/components/events.js';",
  ...elements.map(
    ({ tag, className, module }) => `import type { ${className} as ${typeName(tag)} } from './types/${module.replace(/\.ts$/, '.js')}';`,
  ),
  '',
  `export type { ${elements.map(({ tag }) => typeName(tag)).join(', ')} };`,
  '',
  '/** Every element of the package, by tag name. */',
  'export interface XmppChatElements {',
  ...elements.map(({ tag }) => `  '${tag}': ${typeName(tag)};`),
  '}',
  '',
  '/** The events each element fires, by tag name, then by event name. */',
  'export interface XmppChatElementEvents {',
  ...elements.map(({ tag, events }) => `  '${tag}': { ${events.map((name) => `'${name}': EventOf<'${name}'>;`).join(' ')} };`),
  '}',
  '',
  'type EventOf<Name extends string> = Name extends keyof XmppChatEventMap ? XmppChatEventMap[Name] : Event;',
  '',
  '/**',
  " * What a framework may set on an element: its own fields (not its methods, not LitElement's or",
  " * HTMLElement's members, which the frameworks' own attribute types cover). `open` is a method of",
  ' * <xmpp-chat>, so the property that opens the panel is `opened` (the attribute is `open`).',
  ' */',
  'export type XmppChatElementProps<E> = {',
  '  [K in keyof E as K extends keyof LitElement ? never : E[K] extends (...args: never[]) => unknown ? never : K]?: E[K];',
  '};',
  '',
  'declare global {',
  '  interface HTMLElementTagNameMap extends XmppChatElements {}',
  '}',
  '',
];
writeFileSync(join(root, 'dist/elements.d.ts'), lines.join('\n'));

// The framework declarations are written by hand against the generated names above.
writeFileSync(join(root, 'dist/react.d.ts'), REACT);
writeFileSync(join(root, 'dist/vue.d.ts'), VUE);
console.log(`element-types: ${elements.length} elements (${elements.map((e) => e.tag).join(', ')})`);
