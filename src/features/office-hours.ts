/**
 * Office hours: the support desk publishes them on its account as a personal eventing node
 * (XEP-0163) that anyone may read — `pubsub#access_model` `open` — so that a visitor, even an
 * anonymous one on another host, reads them with one request to the desk's bare address, without
 * a subscription. Agents sharing the account replace the one item, `current`.
 */
import type { Client } from '../client.ts';
import { StanzaError, XmppChatError } from '../errors.ts';
import { buildHours, parseHours, validClosed, validSpan, validTimeZone, type OfficeHours } from '../stanza/office-hours.ts';
import { buildConfigure, buildItemsGet, buildPublish, parseItems } from '../stanza/pep.ts';

/** The node on the desk's account that holds its hours. */
export const HOURS_NODE = 'urn:xmpp-chat:desk:0:hours';
const ITEM_ID = 'current';
/** Visitors are not in the desk's roster, and may be anonymous: anyone may read. */
const OPEN = { 'pubsub#access_model': 'open' } as const;
/** Answers to a read that mean: no hours this reader may see. */
const NONE = new Set(['item-not-found', 'forbidden', 'not-authorized']);

export type OfficeHoursCondition = 'invalid-hours' | 'unexpected-answer';

/** Hours that could not be published as given, or an answer without readable hours. */
export class OfficeHoursError extends XmppChatError {
  override readonly name = 'OfficeHoursError';
  constructor(
    readonly condition: OfficeHoursCondition,
    message: string,
  ) {
    super(message);
  }
}

export interface OfficeHoursFeature {
  /** The hours `desk` (a bare address) published; undefined when it published none we may read. */
  read(desk: string): Promise<OfficeHours | undefined>;
  /** Publishes our account's hours for everyone to read, replacing earlier ones. */
  publish(hours: OfficeHours): Promise<void>;
}

export interface OfficeHoursDeps {
  /** The connection: of the desk's account to publish, of anyone to read. */
  client: Client;
}

/** Throws an OfficeHoursError for hours that would not read back as given. */
function check(hours: OfficeHours): void {
  const invalid = (message: string) => new OfficeHoursError('invalid-hours', message);
  if (!validTimeZone(hours.timeZone)) throw invalid(`“${String(hours.timeZone)}” is not a time zone this browser knows.`);
  if (!hours.spans.every(validSpan)) throw invalid('Each opening time needs a weekday, and a closing time after the opening time.');
  if (!hours.closed.every(validClosed)) throw invalid('Each closed period needs a first and a last day, the first not after the last.');
  const reply = hours.replyMinutes;
  if (reply !== undefined && !(Number.isInteger(reply) && reply >= 0 && reply < 1000 * 1440)) {
    throw invalid('The usual reply time must be a whole number of minutes.');
  }
}

export function createOfficeHours({ client }: OfficeHoursDeps): OfficeHoursFeature {
  return {
    async read(desk) {
      let answer;
      try {
        answer = await client.iq(buildItemsGet(desk, HOURS_NODE));
      } catch (error) {
        // No hours for us: where nothing was published ejabberd answers `item-not-found` and
        // Prosody 0.12 `forbidden` (it checks its default access model, `presence`); a node not
        // open to us is `forbidden` (Prosody) or `not-authorized` (ejabberd, XEP-0060 §6.5.6).
        if (error instanceof StanzaError && NONE.has(error.condition)) return undefined;
        throw error;
      }
      const payloads = parseItems(answer, HOURS_NODE);
      if (!payloads) throw new OfficeHoursError('unexpected-answer', 'The chat server answered without the office hours.');
      return payloads.length ? parseHours(payloads[0]) : undefined;
    },
    async publish(hours) {
      check(hours);
      const publish = () => client.iq(buildPublish(HOURS_NODE, ITEM_ID, buildHours(hours), OPEN));
      try {
        await publish();
      } catch (error) {
        // A node made before with another access model fails the publish options'
        // precondition (`conflict` with `precondition-not-met`, XEP-0060 §7.1.5): open it, then publish.
        if (!(error instanceof StanzaError && error.condition === 'conflict')) throw error;
        await client.iq(buildConfigure(HOURS_NODE, OPEN));
        await publish();
      }
    },
  };
}
