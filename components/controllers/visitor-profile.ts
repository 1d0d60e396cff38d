/**
 * What a visitor told the pre-chat form, kept on this device so the form is asked once: written
 * when the visitor answers (never before the chat is opened), removed by `reset()`.
 */
import { loadValue, saveValue } from './local-values.ts';

export interface VisitorProfile {
  name?: string;
  email?: string;
  /** The visitor answered the pre-chat form (possibly leaving optional fields empty). */
  answered?: boolean;
}

const id = (to: string | undefined) => `xmpp-chat:visitor:${to ?? ''}`;

export function loadProfile(to: string | undefined): VisitorProfile {
  const text = loadValue(id(to));
  if (!text) return {};
  try {
    const value = JSON.parse(text) as unknown;
    if (!value || typeof value !== 'object') return {};
    const { name, email, answered } = value as Record<string, unknown>;
    return {
      ...(typeof name === 'string' && name ? { name } : {}),
      ...(typeof email === 'string' && email ? { email } : {}),
      ...(answered === true ? { answered } : {}),
    };
  } catch (error) {
    // Not ours, or damaged: the visitor is asked again.
    return {};
  }
}

export function saveProfile(to: string | undefined, profile: VisitorProfile): void {
  saveValue(id(to), JSON.stringify(profile));
}

export function forgetProfile(to: string | undefined): void {
  saveValue(id(to), undefined);
}
