// Server-side commands that browser tests call through @web/test-runner-commands.
export function testCommands() {
  return {
    name: 'xmpp-chat-test-commands',
    async executeCommand({ command }) {
      if (command === 'ping-node') return 'pong';
      return undefined;
    },
  };
}
