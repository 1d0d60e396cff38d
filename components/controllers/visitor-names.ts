/**
 * A readable name for a visitor who gave none — "Amber Otter" rather than
 * visitor-k3x9q2@example.org — the same for the same address on every agent's screen; and the
 * address itself for someone who writes from a real account (bob@example.org), where a made-up
 * name would hide who it is.
 */
const ADJECTIVES = [
  'Amber',
  'Azure',
  'Brave',
  'Bright',
  'Calm',
  'Clever',
  'Coral',
  'Cosy',
  'Crimson',
  'Curious',
  'Dapper',
  'Gentle',
  'Golden',
  'Happy',
  'Honest',
  'Jolly',
  'Kind',
  'Lively',
  'Lucky',
  'Merry',
  'Mint',
  'Nimble',
  'Olive',
  'Plucky',
  'Quiet',
  'Rosy',
  'Rusty',
  'Silver',
  'Sunny',
  'Swift',
  'Teal',
  'Witty',
];
const ANIMALS = [
  'Badger',
  'Beaver',
  'Bison',
  'Crane',
  'Dolphin',
  'Falcon',
  'Ferret',
  'Finch',
  'Fox',
  'Gecko',
  'Hare',
  'Hedgehog',
  'Heron',
  'Ibis',
  'Koala',
  'Lemur',
  'Lynx',
  'Marten',
  'Moose',
  'Newt',
  'Otter',
  'Owl',
  'Panda',
  'Puffin',
  'Quail',
  'Raven',
  'Seal',
  'Sparrow',
  'Stoat',
  'Swan',
  'Walrus',
  'Wren',
];

/** FNV-1a: small, fast, and well spread over short strings. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export function visitorName(jid: string): string {
  const h = hash(jid.toLowerCase());
  return `${ADJECTIVES[h % ADJECTIVES.length]} ${ANIMALS[(h >>> 8) % ANIMALS.length]}`;
}

/** The localpart of an account the widget registers for a visitor (visitor-account.ts: `visitor-` and 12 of a-z0-9). */
const VISITOR_ACCOUNT = /^visitor-[a-z0-9]{12}$/;

/**
 * True for an address the widget or the server made up for a visitor: a registered visitor account,
 * or any address on an anonymous domain (`anonymousDomains`, and by convention every `anon.` domain,
 * as the README sets them up). Anything else is someone's real account.
 */
export function isGeneratedAddress(jid: string, anonymousDomains: readonly string[] = []): boolean {
  const bare = jid.split('/')[0].toLowerCase();
  const at = bare.lastIndexOf('@');
  if (at < 0) return false; // a server or component, not a visitor
  const domain = bare.slice(at + 1);
  return VISITOR_ACCOUNT.test(bare.slice(0, at)) || domain.startsWith('anon.') || anonymousDomains.some((d) => d.toLowerCase() === domain);
}

/**
 * What a stranger (someone not in the roster) is listed under: the bare address of a real account;
 * for a generated one, the name they gave (`given`, with their presence or first message) or a
 * made-up one.
 */
export function strangerLabel(jid: string, given: string | undefined, anonymousDomains?: readonly string[]): string {
  if (!isGeneratedAddress(jid, anonymousDomains)) return jid.split('/')[0];
  return given || visitorName(jid);
}

/**
 * `strangerLabel` remembering its last answer for each address: the desk asks for every
 * visitor's label each time its inbox changes, and most are what they were.
 */
export function strangerLabels(): (jid: string, given: string | undefined) => string {
  const labels = new Map<string, { given: string | undefined; label: string }>();
  return (jid, given) => {
    const known = labels.get(jid);
    if (known && known.given === given) return known.label;
    const label = strangerLabel(jid, given);
    labels.set(jid, { given, label });
    return label;
  };
}
