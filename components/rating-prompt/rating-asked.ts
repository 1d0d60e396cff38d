import type { StoredMessage } from '../../src/index.ts';

/**
 * The peer's latest request for a rating, if the reader should see the prompt: while no rating of
 * ours follows it, and, answered, while it is the one the prompt showed (it thanks the reader).
 * Derived from the history, so an answered request does not come back after a reload.
 */
export function ratingAsked(messages: readonly StoredMessage[], shown?: { key: string }): { key: string; answered: boolean } | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message.direction !== 'in' || !message.rateRequest) continue;
    const answered = messages.slice(i + 1).some((m) => m.direction === 'out' && m.rating);
    return !answered || shown?.key === message.key ? { key: message.key, answered } : undefined;
  }
  return undefined;
}
