/**
 * Visitor mode: who the visitor is, from the page (`identify()`) and from the pre-chat form, and
 * the context their first message of a visit carries to the support desk.
 */
import { pageAddress, type VisitorContext } from '../../src/index.ts';
import type { WidgetConfig } from '../xmpp-chat/panel-contract.ts';
import { forgetProfile, loadProfile, saveProfile, type VisitorProfile } from './visitor-profile.ts';

export class VisitorIntake {
  #profile: VisitorProfile = {};

  constructor(private readonly config: () => WidgetConfig) {}

  /** Reads what this visitor answered on an earlier visit (visitor mode only). */
  load(): void {
    const config = this.config();
    this.#profile = config.mode === 'visitor' ? loadProfile(config.to) : {};
  }

  /** The site signed who the visitor is (`identify()` with `userId` and `signature`). */
  signed(): boolean {
    const page = this.config().visitor;
    return !!(page?.userId && page.signature);
  }

  /**
   * The name and email: the page's word first, then the visitor's answers. A signed identity's
   * are the page's alone, as signed: an answer in place of one it left empty would not match.
   */
  visitor(): { name?: string; email?: string } {
    const page = this.config().visitor ?? {};
    const signed = this.signed();
    const name = page.name || (signed ? undefined : this.#profile.name);
    const email = page.email || (signed ? undefined : this.#profile.email);
    return { ...(name ? { name } : {}), ...(email ? { email } : {}) };
  }

  /**
   * The pre-chat form is to be shown: it is set up, unanswered, and asks for something we do not
   * know; never for a signed identity, whose name and email the site has told.
   */
  needsForm(): boolean {
    const { mode, prechat = [] } = this.config();
    const known = this.visitor();
    return mode === 'visitor' && !this.signed() && !this.#profile.answered && prechat.some((field) => !known[field]);
  }

  /** The visitor answered the form: kept on this device. */
  answer(answers: { name?: string; email?: string }): void {
    this.#profile = { ...answers, answered: true };
    saveProfile(this.config().to, this.#profile);
  }

  forget(): void {
    this.#profile = {};
    forgetProfile(this.config().to);
  }

  /** What the first message of a visit tells the support desk (`context="identity"`: only who the visitor is). */
  context(): VisitorContext {
    const { userId, signature } = this.config().visitor ?? {};
    const identity: VisitorContext = { ...this.visitor(), ...(userId ? { userId } : {}), ...(userId && signature ? { signature } : {}) };
    const { context, contextFullUrl } = this.config();
    if (context === 'identity') return identity;
    // Query and fragment often hold tokens: sent only where the site asks for them.
    const address = (url: string) => (contextFullUrl ? url : pageAddress(url));
    return {
      ...identity,
      page: address(location.href),
      pageTitle: document.title,
      referrer: address(document.referrer),
      language: navigator.language,
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      userAgent: navigator.userAgent,
    };
  }
}
