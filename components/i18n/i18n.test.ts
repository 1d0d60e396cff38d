import { expect } from '@esm-bundle/chai';
import { en } from './catalog.ts';
import { enFull } from './catalog-full.ts';
import { enFirstScreen } from './catalog-first-screen.ts';
import { enRating } from './catalog-rating.ts';
import { enMessageExtras } from './catalog-message-extras.ts';
import { enEmoji } from './catalog-emoji.ts';
import { enCompose } from './catalog-compose.ts';
import { enRoom } from './catalog-room.ts';
import { enRoomsFull } from './catalog-rooms-full.ts';
import { enEncryption } from './catalog-encryption.ts';
import de from './catalog-de.ts';
import ar from './catalog-ar.ts';
import { t } from './i18n.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the string catalogs', () => {
  it('say everything in German and Arabic too, with the same placeholders', () => {
    const english: Record<string, string> = {
      ...en,
      ...enFull,
      ...enFirstScreen,
      ...enRating,
      ...enMessageExtras,
      ...enCompose,
      ...enEmoji,
      ...enRoom,
      ...enRoomsFull,
      ...enEncryption,
    };
    for (const [lang, catalog] of [
      ['de', de],
      ['ar', ar],
    ] as const) {
      const strings = catalog as Record<string, string>;
      expect(
        Object.keys(english).filter((key) => !strings[key]),
        `missing in ${lang}`,
      ).to.deep.equal([]);
      expect(
        Object.keys(strings).filter((key) => !(key in english)),
        `unknown in ${lang}`,
      ).to.deep.equal([]);
      for (const key of Object.keys(english))
        expect(placeholders(strings[key]), `${lang} ${key}`).to.deep.equal(placeholders(english[key]));
    }
  });

  it('fills placeholders, and shows a key whose strings have not loaded as itself', () => {
    expect(t('en', 'launcher.unread', { count: 3 })).to.equal('3 unread');
    expect(t('en', 'no.such-key' as 'launcher.open')).to.equal('no.such-key');
  });
});
