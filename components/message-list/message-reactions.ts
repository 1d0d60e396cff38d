/**
 * Reactions (XEP-0444) under a message: one chip per emoji with how many reacted with it, pressed
 * when one of them is us; pressing a chip adds or takes back ours.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { StoredMessage } from '../../src/index.ts';
import { t } from '../i18n/i18n.ts';

/** One emoji's count, and whether we are among those who reacted with it. */
export interface ReactionCount {
  emoji: string;
  count: number;
  ours: boolean;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Our current emoji on the message; `self` is our bare JID. */
export function ourReactions(message: StoredMessage, self: string): string[] {
  const entry = Object.entries(message.reactions ?? {}).find(([jid]) => self && same(jid, self));
  return entry?.[1] ?? [];
}

/** Each emoji reacted with, in the order it was first used, with its count. */
export function countReactions(message: StoredMessage, self: string): ReactionCount[] {
  const counts = new Map<string, ReactionCount>();
  for (const [jid, emojis] of Object.entries(message.reactions ?? {}))
    for (const emoji of new Set(emojis)) {
      const entry = counts.get(emoji) ?? { emoji, count: 0, ours: false };
      entry.count++;
      entry.ours ||= !!self && same(jid, self);
      counts.set(emoji, entry);
    }
  return [...counts.values()];
}

/** Our set with `emoji` added, or taken out when it was in it. */
export function toggled(ours: readonly string[], emoji: string): string[] {
  return ours.includes(emoji) ? ours.filter((e) => e !== emoji) : [...ours, emoji];
}

/** The chips; `react` is told our new full set when one is pressed. */
export function reactionChips(
  message: StoredMessage,
  self: string,
  lang: string,
  react: (emojis: string[]) => void,
): TemplateResult | typeof nothing {
  const counts = countReactions(message, self);
  if (!counts.length) return nothing;
  return html`<div class="reactions" role="group" aria-label=${t(lang, 'reactions.label')}>
    ${counts.map(
      ({ emoji, count, ours }) =>
        html`<button class="reaction" part="reaction" aria-pressed=${ours ? 'true' : 'false'}
          aria-label=${t(lang, ours ? 'reactions.yours' : 'reactions.count', { emoji, count })}
          @click=${() => react(toggled(ourReactions(message, self), emoji))}>
          <span aria-hidden="true">${emoji}</span><span class="count" aria-hidden="true">${count}</span>
        </button>`,
    )}
  </div>`;
}
