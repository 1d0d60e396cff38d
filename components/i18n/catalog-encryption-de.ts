/** German strings of end-to-end encryption (see catalog-encryption.ts), part of catalog-de.ts. */
import type { Catalog } from './catalog.ts';

export const deEncryption: Catalog = {
  'encryption.button': 'Verschlüsselung und Fingerabdrücke',
  'encryption.title': 'Ende-zu-Ende-Verschlüsselung',
  'encryption.back': 'Zurück zur Unterhaltung',
  'encryption.encrypted': 'Verschlüsselt',
  'encryption.unencrypted': 'Nicht verschlüsselt',
  'encryption.not-sent': 'Nicht gesendet: Die Nachricht konnte nicht verschlüsselt werden',
  'encryption.not-for-us': 'Nur für andere Geräte verschlüsselt: auf diesem nicht lesbar',
  'encryption.undecryptable': 'Verschlüsselt, konnte hier aber nicht entschlüsselt werden',
  'encryption.explain':
    'Nachrichten hier werden auf diesem Gerät verschlüsselt, nur für die unten aufgeführten Geräte. Vergleiche die Fingerabdrücke mit denen, die die andere Seite sieht (persönlich oder am Telefon), und markiere die passenden Geräte als verifiziert.',
  'encryption.yours': 'Dieses Gerät',
  'encryption.scan': 'QR-Code des Fingerabdrucks dieses Geräts, zum Scannen durch die andere Seite',
  'encryption.their-devices': 'Geräte von {name}',
  'encryption.your-devices': 'Deine anderen Geräte',
  'encryption.none': 'Keine Geräte mit Verschlüsselung.',
  'encryption.device': 'Gerät {id}',
  'encryption.no-fingerprint': 'Fingerabdruck noch unbekannt',
  'encryption.trust-blind': 'Vertraut ohne Verifizierung',
  'encryption.trust-verified': 'Verifiziert',
  'encryption.trust-distrusted': 'Nicht vertraut: Nachrichten werden nicht für dieses Gerät verschlüsselt',
  'encryption.trust-undecided': 'Neu: nicht vertraut, bis du entscheidest',
  'encryption.verify': 'Als verifiziert markieren',
  'encryption.distrust': 'Nicht vertrauen',
  'encryption.blind': 'Ohne Verifizierung vertrauen',
  'encryption.loading': 'Lade Geräte…',
  'encryption.new-device': '{name} hat ein neues Gerät ({id}). Prüfe seinen Fingerabdruck unter „Verschlüsselung und Fingerabdrücke“.',
  'encryption.changed-device':
    'Der Schlüssel eines Geräts von {name} hat sich geändert ({id}). Prüfe den Fingerabdruck, bevor du ihm vertraust.',
  'encryption.own-new-device': 'Deinem Konto wurde ein neues Gerät hinzugefügt ({id}).',
  'encryption.own-changed-device': 'Der Schlüssel eines deiner eigenen Geräte hat sich geändert ({id}).',
  'encryption.dismiss': 'Ausblenden',
};
