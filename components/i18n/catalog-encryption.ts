/**
 * The English strings of end-to-end encryption — the mark on each message, the encryption view with
 * its fingerprints and trust, the notices of new or changed devices — loaded with that code
 * (encryption/encryption.ts), so a widget without `encryption` never carries them.
 */
import { addStrings } from './i18n.ts';

export const enEncryption = {
  'encryption.button': 'Encryption and fingerprints',
  'encryption.title': 'End-to-end encryption',
  'encryption.back': 'Back to the conversation',
  'encryption.encrypted': 'Encrypted',
  'encryption.unencrypted': 'Not encrypted',
  'encryption.not-sent': 'Not sent: it could not be encrypted',
  'encryption.not-for-us': 'Encrypted for other devices only: it cannot be read on this one',
  'encryption.undecryptable': 'Encrypted, but it could not be decrypted here',
  'encryption.explain':
    'Messages here are encrypted on this device, for the devices listed below only. Compare the fingerprints with the ones the other side sees (in person, or on a call) and mark the devices that match as verified.',
  'encryption.yours': 'This device',
  'encryption.scan': 'QR code of this device’s fingerprint, for the other side to scan',
  'encryption.their-devices': 'Devices of {name}',
  'encryption.your-devices': 'Your other devices',
  'encryption.none': 'No devices that use encryption.',
  'encryption.device': 'Device {id}',
  'encryption.no-fingerprint': 'Fingerprint not known yet',
  'encryption.trust-blind': 'Trusted without verification',
  'encryption.trust-verified': 'Verified',
  'encryption.trust-distrusted': 'Not trusted: messages are not encrypted for it',
  'encryption.trust-undecided': 'New: not trusted until you decide',
  'encryption.verify': 'Mark as verified',
  'encryption.distrust': 'Do not trust',
  'encryption.blind': 'Trust without verification',
  'encryption.loading': 'Loading devices…',
  'encryption.new-device': '{name} has a new device ({id}). Check its fingerprint under “Encryption and fingerprints”.',
  'encryption.changed-device': 'The key of a device of {name} changed ({id}). Check its fingerprint before you trust it.',
  'encryption.own-new-device': 'A new device was added to your account ({id}).',
  'encryption.own-changed-device': 'The key of one of your own devices changed ({id}).',
  'encryption.dismiss': 'Dismiss',
};

addStrings(enEncryption);
