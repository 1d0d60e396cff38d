/**
 * XMPP addresses (RFC 7622), checked enough to catch typing mistakes and hostile input; full
 * PRECIS preparation is left to the server.
 */

/** The parts of an address: `local@domain/resource`. */
export interface Jid {
  local?: string;
  domain: string;
  resource?: string;
}

/** Each part is at most 1023 bytes of UTF-8 (RFC 7622 §3). */
const MAX_PART_BYTES = 1023;
const FORBIDDEN_IN_LOCAL = /["&'/:<>@\s]/;
const FORBIDDEN_IN_DOMAIN = /[\s@/]/;

const encoder = new TextEncoder();
/**
 * More than MAX_PART_BYTES of UTF-8? A UTF-16 code unit is at most 3 bytes of UTF-8, so only long
 * parts are encoded: every address of every stanza comes through here (a room's presence flood).
 */
const tooLong = (s: string) => s.length * 3 > MAX_PART_BYTES && encoder.encode(s).length > MAX_PART_BYTES;

/**
 * Parses an address. Local part and domain are lower-cased; the resource keeps its case.
 * Returns undefined when the text is not a usable address.
 */
export function parseJid(s: string): Jid | undefined {
  const text = s.trim();
  const slash = text.indexOf('/');
  const bare = slash < 0 ? text : text.slice(0, slash);
  const resource = slash < 0 ? undefined : text.slice(slash + 1);
  const at = bare.lastIndexOf('@');
  const local = at < 0 ? undefined : bare.slice(0, at).toLowerCase();
  const domain = bare.slice(at + 1).toLowerCase();

  if (!domain || FORBIDDEN_IN_DOMAIN.test(domain) || tooLong(domain)) return undefined;
  if (local !== undefined && (!local || FORBIDDEN_IN_LOCAL.test(local) || tooLong(local))) return undefined;
  if (resource !== undefined && (!resource || tooLong(resource))) return undefined;
  const jid: Jid = { domain };
  if (local !== undefined) jid.local = local;
  if (resource !== undefined) jid.resource = resource;
  return jid;
}

/** Formats an address as `local@domain/resource`, leaving out the parts it does not have. */
export function formatJid(jid: Jid): string {
  const bare = jid.local ? `${jid.local}@${jid.domain}` : jid.domain;
  return jid.resource ? `${bare}/${jid.resource}` : bare;
}

/** The bare address (`local@domain`, or the domain alone) of a full one; undefined if invalid. */
export function bareJid(s: string): string | undefined {
  const jid = parseJid(s);
  return jid && formatJid({ local: jid.local, domain: jid.domain });
}
