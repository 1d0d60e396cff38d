/**
 * The avatar picker's words, in the languages the widget speaks. They load with the picker (full
 * mode only), so they are kept beside it rather than in the shared catalogs.
 */
import { resolveLang } from '../i18n/i18n.ts';

const en = {
  change: 'Change your picture',
  saving: 'Saving your picture…',
  saved: 'Your picture is saved.',
  'not-an-image': 'Choose a PNG, JPEG, GIF or WebP image.',
  failed: 'Your picture could not be saved. Try again.',
};
export type AvatarText = keyof typeof en;

const STRINGS: Record<string, Record<AvatarText, string>> = {
  en,
  de: {
    change: 'Bild ändern',
    saving: 'Dein Bild wird gespeichert…',
    saved: 'Dein Bild ist gespeichert.',
    'not-an-image': 'Wähle ein PNG-, JPEG-, GIF- oder WebP-Bild.',
    failed: 'Dein Bild konnte nicht gespeichert werden. Versuche es noch einmal.',
  },
  ar: {
    change: 'غيّر صورتك',
    saving: 'جارٍ حفظ صورتك…',
    saved: 'حُفظت صورتك.',
    'not-an-image': 'اختر صورة PNG أو JPEG أو GIF أو WebP.',
    failed: 'تعذّر حفظ صورتك. حاول مرة أخرى.',
  },
};

/** The picker's text for `key` in `lang` (English when the widget does not speak it). */
export const avatarText = (lang: string, key: AvatarText): string => (STRINGS[resolveLang(lang)] ?? en)[key];
