// Compiles src/Chat.svelte with Svelte's own compiler and checks that the output listens to the
// element's event and sets its properties.
import { readFileSync } from 'node:fs';
import { compile } from 'svelte/compiler';

const { js, warnings } = compile(readFileSync('src/Chat.svelte', 'utf8'), { filename: 'Chat.svelte', generate: 'client' });
if (warnings.length > 0) throw new Error(warnings.map((warning) => warning.message).join('\n'));
for (const expected of ['xmpp-chat-message', 'opened', 'service']) {
  if (!js.code.includes(expected)) throw new Error(`the compiled component does not mention ${expected}`);
}
console.log('svelte: compiled');
