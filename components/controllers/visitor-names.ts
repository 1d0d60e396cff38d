/**
 * A readable name for a visitor who gave none — "Amber Otter" rather than
 * visitor-k3x9q2@example.org — the same for the same address on every agent's screen.
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
