// Compiles each component in src/ with Svelte's own compiler and checks that the output listens
// to the element's event and sets its properties.
import { readdirSync, readFileSync } from 'node:fs';
import { compile } from 'svelte/compiler';

const files = readdirSync('src').filter((file) => file.endsWith('.svelte'));
for (const file of files) {
  const { js, warnings } = compile(readFileSync(`src/${file}`, 'utf8'), { filename: file, generate: 'client' });
  if (warnings.length > 0) throw new Error(`${file}: ${warnings.map((warning) => warning.message).join('\n')}`);
  for (const expected of ['xmpp-chat-message', 'opened', 'service']) {
    if (!js.code.includes(expected)) throw new Error(`${file}: the compiled component does not mention ${expected}`);
  }
}
console.log(`svelte: ${files.join(', ')} compiled`);
