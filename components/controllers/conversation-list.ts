/**
 * The session's list of conversations, newest first, kept up to date one conversation at a time:
 * a stored message changes its conversation's summary, not the list read whole again.
 */
import type { ConversationSummary } from '../../src/index.ts';

/**
 * A new list with `summary` in place of its conversation's (or added), where its time puts it;
 * the other summaries are the same objects, so views can tell which one changed.
 */
export function withSummary(list: readonly ConversationSummary[], summary: ConversationSummary): ConversationSummary[] {
  const next = list.filter((c) => c.peer !== summary.peer);
  // Newest first; among equal times, the one just changed first.
  let low = 0;
  let high = next.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (next[mid].lastTime > summary.lastTime) low = mid + 1;
    else high = mid;
  }
  next.splice(low, 0, summary);
  return next;
}
