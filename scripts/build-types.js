// Writes the package's type declarations: `dist/types/**` holds the .d.ts of each module that the
// public entries reach through their declarations (not every file of the repository: a transport's
// internals are no one's API and refer to untyped libraries), and `dist/*.d.ts` are the entries
// package.json points at. Then scripts/element-types.js adds what custom-elements.json knows.
//
// The sources import each other as `./x.ts`; declarations must say `./x.js`, which TypeScript
// resolves to `./x.d.ts` in any app's settings. Lit's types are named through `lit`, the one Lit
// package an app is sure to resolve from here (it is the package's dependency, the others are its).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
// The entries, and every element's module (the tag-name map refers to their classes; most load lazily).
const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));
const ELEMENT_MODULES = manifest.modules.flatMap((module) =>
  module.exports?.some((entry) => entry.kind === 'custom-element-definition') ? [module.path] : [],
);
const ENTRIES = ['src/core.ts', 'src/index.ts', 'src/desk.ts', 'components/index.ts', 'components/events.ts', ...ELEMENT_MODULES];
const LIT_NAMES = [
  [/^lit-html$/, 'lit'],
  [/^lit-html\/(.*)$/, 'lit/$1'],
  [/^lit-element(\/lit-element\.js)?$/, 'lit'],
  [/^@lit\/reactive-element(\/reactive-element\.js)?$/, 'lit'],
];

const configFile = ts.getParsedCommandLineOfConfigFile(
  join(root, 'tsconfig.build.json'),
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => fail([diagnostic]),
  },
);
const rootNames = [...configFile.fileNames, ...ENTRIES.map((entry) => join(root, entry))];
const program = ts.createProgram({ rootNames, options: configFile.options });
const dependencies = Object.keys(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).dependencies ?? {});

const pending = ENTRIES.map((entry) => join(root, entry));
const done = new Set();
const problems = [];
while (pending.length > 0) {
  const file = pending.pop();
  if (done.has(file)) continue;
  done.add(file);
  const source = program.getSourceFile(file);
  if (!source) throw new Error(`build-types: ${relative(root, file)} is not in tsconfig.build.json's program`);
  if (source.isDeclarationFile) {
    // An ambient declaration an API needs ships as it is.
    writeDeclaration(join(root, 'dist/types', relative(root, file)), source.text, file);
    continue;
  }
  problems.push(
    ...program.getSyntacticDiagnostics(source),
    ...program.getSemanticDiagnostics(source),
    ...program.getDeclarationDiagnostics(source),
  );
  program.emit(source, (outFile, text) => writeDeclaration(outFile, text, file), undefined, true);
}
if (problems.length > 0) fail(problems);

/** Rewrites the specifiers, queues the modules named, and writes the file. */
function writeDeclaration(outFile, text, sourceFile) {
  let rewritten = text;
  // From the end, so that earlier positions stay valid.
  for (const literal of moduleSpecifiers(text).reverse()) {
    const quote = text[literal.getStart()];
    rewritten = `${rewritten.slice(0, literal.getStart())}${quote}${specifierFor(literal.text, sourceFile)}${quote}${rewritten.slice(literal.end)}`;
  }
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, rewritten);
}

/** The string literals that name modules in a declaration file (imports, exports, `import('…')` types), read by TypeScript's parser so that comments never count. */
function moduleSpecifiers(text) {
  const found = [];
  const visit = (node) => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      found.push(node.moduleSpecifier);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push(node.argument.literal);
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile('declaration.d.ts', text, ts.ScriptTarget.Latest, true));
  return found.sort((a, b) => a.getStart() - b.getStart());
}

/** `./x.ts` → `./x.js` (and the module queued); a package's name checked against the dependencies. */
function specifierFor(specifier, sourceFile) {
  if (specifier.startsWith('.')) {
    const target = resolve(dirname(sourceFile), specifier);
    pending.push(target.endsWith('.ts') ? target : `${target}.ts`);
    return specifier.replace(/\.ts$/, '.js');
  }
  const named = LIT_NAMES.reduce((name, [pattern, replacement]) => name.replace(pattern, replacement), specifier);
  const packageName = named.startsWith('@') ? named.split('/').slice(0, 2).join('/') : named.split('/')[0];
  if (!dependencies.includes(packageName)) {
    throw new Error(
      `build-types: ${relative(root, sourceFile)} declares a type from ${specifier}, which an app that installs the package cannot resolve`,
    );
  }
  return named;
}

function fail(diagnostics) {
  const host = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => '\n' };
  process.stderr.write(ts.formatDiagnostics(diagnostics, host));
  process.exit(1);
}

const GENERATED = '// Generated by scripts/build-types.js: the entries of package.json.\n';
writeFileSync(
  join(root, 'dist/xmpp-chat.d.ts'),
  `${GENERATED}export * from './types/components/index.js';
export type { PublicEvents as XmppChatEventDetails, XmppChatPublicEventMap } from './types/components/events.js';
export type * from './elements.js';
// The typed events on every element (HTMLElementEventMap), and the tag-name map of every element.
import './types/components/events.js';
import './elements.js';
`,
);
writeFileSync(join(root, 'dist/core.d.ts'), `${GENERATED}export * from './types/src/core.js';\n`);
console.log(`build-types: ${done.size} modules' declarations in dist/types`);
await import('./element-types.js');
