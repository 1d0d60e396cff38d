import { posix } from 'node:path';
import type { Plugin } from 'vite';

type Chunk = { type: 'chunk'; name: string; fileName: string; code: string; imports: string[]; dynamicImports: string[] };

/** `export{t as XmppChat}from"./lit-….js"`: a file that only passes on another's exports. */
const FACADE = /^export\s*\{([^}]*)\}\s*from\s*(["'`])(\.{1,2}\/[^"'`]+)\2;?\s*$/;
/** The names of the function that adds the links, and of the addresses it has added (checked unused). */
const HELPER = '__xp';
const SEEN = '__xs';

/** The specifier by which `from` names `to`. */
const specifier = (from: string, to: string) => {
  const path = posix.relative(posix.dirname(from), to);
  return path.startsWith('.') ? path : `./${path}`;
};
const quoted = (spec: string) => new RegExp(`import\\((["'\`])${spec.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\1\\)`, 'g');

/**
 * The build's files load one after another where a dynamic import leads to a file that imports
 * others: the browser learns of those only once it has the first. Browsers have no such step
 * where the bundler tells them (Vite does it for apps, not for libraries), so this plugin does it
 * for the widget's build, after the files are made:
 * - A dynamic import of a module that the bundler put into a shared file comes as a file of its
 *   own that only passes on the other's exports (a facade): one more request, after which the
 *   real one starts. The real file exports those names too, the import goes to it, and the
 *   facade is left out when nothing else imports it.
 * - A dynamic import of one of the `preloading` modules (by chunk name), whose file imports
 *   others not yet loaded (those the importing file has loaded are), starts those at the same
 *   time, as `<link rel="modulepreload">` in the page's head: fetched and parsed alongside, run
 *   only when the import needs them, in its order. Only these: each list and the code that adds
 *   the links weigh on the importing file, which for the transports is on every visitor's path.
 */
export const chunkLoading = ({ preloading }: { preloading: string[] }): Plugin => ({
  name: 'xmpp-chat-chunk-loading',
  apply: 'build',
  generateBundle(_options, bundle) {
    const chunks = Object.values(bundle).filter((file): file is typeof file & Chunk => file.type === 'chunk');
    const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
    const staticallyImported = new Set(chunks.flatMap((chunk) => chunk.imports));

    for (const facade of chunks) {
      const match = FACADE.exec(facade.code.trim());
      if (!match || staticallyImported.has(facade.fileName)) continue;
      const target = posix.join(posix.dirname(facade.fileName), match[3]);
      if (!byName.has(target)) this.error(`${facade.fileName}: ${target} is not in the build`);
      // The facade names the target's exports; the target's own `export{local as exported}`
      // gives the bindings to export under the facade's names as well.
      const real = byName.get(target)!;
      const locals = new Map(
        [...real.code.matchAll(/export\s*\{([^}]*)\}(?!\s*from)/g)].flatMap((m) =>
          m[1]
            .split(',')
            .map((pair) => pair.trim().split(/\s+as\s+/))
            .map(([local, exported = local]) => [exported, local] as const),
        ),
      );
      // Names that no other file mentions cannot be read from the import (our code reads no export
      // by a computed name): they are left out.
      const mentioned = (name: string) =>
        chunks.some((chunk) => chunk !== facade && chunk !== real && new RegExp(`\\b${name}\\b`).test(chunk.code));
      const pairs = match[1].split(',').map((pair) => pair.trim().split(/\s+as\s+/));
      const added = pairs
        .filter(([imported, exported = imported]) => mentioned(exported))
        .map(([imported, exported = imported]) => {
          const local = locals.get(imported);
          if (!local) this.error(`${target} has no export ${imported}`);
          if (locals.has(exported)) this.error(`${target} already exports ${exported}`);
          locals.set(exported, local);
          return `${local} as ${exported}`;
        });
      if (added.length) real.code += `\nexport{${added.join(',')}};\n`;
      for (const chunk of chunks) {
        if (!chunk.dynamicImports.includes(facade.fileName)) continue;
        const from = quoted(specifier(chunk.fileName, facade.fileName));
        if (!from.test(chunk.code)) this.error(`${chunk.fileName}: its import of ${facade.fileName} not found`);
        chunk.code = chunk.code.replace(from, `import(\`${specifier(chunk.fileName, target)}\`)`);
        chunk.dynamicImports = [...new Set(chunk.dynamicImports.map((name) => (name === facade.fileName ? target : name)))];
      }
      delete bundle[facade.fileName];
      byName.delete(facade.fileName);
    }

    const closure = (name: string, found = new Set<string>()): Set<string> => {
      if (found.has(name)) return found;
      found.add(name);
      for (const imported of byName.get(name)?.imports ?? []) closure(imported, found);
      return found;
    };
    for (const chunk of byName.values()) {
      const loaded = closure(chunk.fileName);
      let preloads = false;
      for (const target of chunk.dynamicImports) {
        if (!preloading.includes(byName.get(target)?.name ?? '')) continue;
        const needed = [...closure(target)].filter((name) => name !== target && !loaded.has(name));
        if (needed.length === 0) continue;
        const list = needed.map((name) => `\`${specifier(chunk.fileName, name)}\``).join(',');
        const site = quoted(specifier(chunk.fileName, target));
        if (!site.test(chunk.code)) this.error(`${chunk.fileName}: its import of ${target} not found`);
        chunk.code = chunk.code.replace(site, (call) => `(${HELPER}([${list}]),${call})`);
        preloads = true;
      }
      // Once per file and address: a link already added, or a file already loaded, is not asked for again.
      if (preloads && new RegExp(`\\b(${HELPER}|${SEEN})\\b`).test(chunk.code.replaceAll(`${HELPER}([`, '')))
        this.error(`${chunk.fileName} uses the name ${HELPER} or ${SEEN} already`);
      if (preloads)
        chunk.code =
          `const ${HELPER}=(l)=>l.map(h=>${SEEN}.has(h)||${SEEN}.add(h)&&document.head.append(` +
          `Object.assign(document.createElement("link"),{rel:"modulepreload",href:new URL(h,import.meta.url)}))),${SEEN}=new Set;\n` +
          chunk.code;
    }
    const missing = preloading.filter((name) => !chunks.some((chunk) => chunk.name === name));
    if (missing.length) this.error(`no chunk named ${missing.join(', ')}; check the preloading list`);
  },
});
