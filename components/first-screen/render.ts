/**
 * The visitor's first screen as the panel shows it: loaded as its own chunk once the desk's
 * presence is known (the panel keeps its space meanwhile), with the desk's office hours, read
 * once per chat session from the desk's account.
 */
import { html } from 'lit';
import { createOfficeHours, type OfficeHours } from '../../src/desk.ts';
import type { ChatPanel } from '../chat-panel/chat-panel.ts';
import type { ChatSession } from '../controllers/chat-session.ts';
import { PARTS, exportparts } from '../parts.ts';
import './first-screen.ts';

/** Each session's desk hours: being read, read (`null`: none published, or unreadable). */
const hoursOf = new WeakMap<ChatSession, OfficeHours | null | 'reading'>();

/** The desk's hours: `undefined` while being read (the request goes out on the first call). */
function deskHours(panel: ChatPanel, session: ChatSession, desk: string): OfficeHours | null | undefined {
  const known = hoursOf.get(session);
  if (known !== undefined) return known === 'reading' ? undefined : known;
  hoursOf.set(session, 'reading');
  void createOfficeHours({ client: session.chat.client })
    .read(desk)
    .then(
      (hours) => hoursOf.set(session, hours ?? null),
      (error: Error) => {
        // The screen does without hours; the page hears why.
        hoursOf.set(session, null);
        panel.report(error);
      },
    )
    .finally(() => panel.requestUpdate());
  return undefined;
}

/** The first screen, or undefined while the desk's hours are still being read. */
export function renderFirstScreen(panel: ChatPanel, session: ChatSession) {
  const { config, intake, lang } = panel;
  const desk = config.to!;
  const hours = deskHours(panel, session, desk);
  if (hours === undefined) return undefined;
  return html`<xmpp-chat-first-screen exportparts=${exportparts(PARTS.firstScreen)} lang=${lang}
    .team=${session.chat.strangers.names(desk)} presence=${session.availability(desk)} .hours=${hours ?? undefined}
    greeting=${config.greeting ?? ''} .awayMessage=${config.awayMessage} email=${intake.visitor().email ?? ''} ?capture=${!intake.needsForm()}
    @xmpp-chat-leave-email=${(e: CustomEvent<{ email: string }>) => panel.prechatAnswered({ ...intake.visitor(), email: e.detail.email })}
  ></xmpp-chat-first-screen>`;
}
