import { expect } from '@esm-bundle/chai';
import {
  avatarHash,
  buildAvatarDataGet,
  fromBase64,
  imageType,
  parseAvatarData,
  parseAvatarEvent,
  parseAvatarMetadata,
  parseVcardPhoto,
  toBase64,
  vcardOf,
} from './avatar.ts';
import { buildAvatarData, buildAvatarMetadata, buildVcardPhotoSet } from './avatar-publish.ts';
import { parseXml } from './dom.ts';
import { childOf, toXmlString } from './element.ts';
import { parsePresence } from './presence.ts';

const HASH = '111f4b3c50d7b0df729d299bc6f8e9ef9066971f';
const PNG_START = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13];

// A notification as Prosody 0.12 sends it for a contact's new avatar (XEP-0084 example 3).
const NOTIFICATION = `<message xmlns='jabber:client' from='juliet@capulet.lit' to='romeo@montague.lit/orchard' type='headline' id='n1'>
  <event xmlns='http://jabber.org/protocol/pubsub#event'>
    <items node='urn:xmpp:avatar:metadata'>
      <item id='${HASH}'>
        <metadata xmlns='urn:xmpp:avatar:metadata'>
          <info bytes='12345' height='64' id='${HASH}' type='image/png' width='64'/>
          <info bytes='23456' height='64' id='e279f80c38f99c1e7e53e262b440993b2f7eea57' type='image/gif' url='http://avatars.example.org/x.gif' width='64'/>
        </metadata>
      </item>
    </items>
  </event>
</message>`;

describe('avatar metadata (XEP-0084)', () => {
  it('reads a notification: who, and each version with its id, size and type', () => {
    const event = parseAvatarEvent(parseXml(NOTIFICATION));
    expect(event?.from).to.equal('juliet@capulet.lit');
    expect(event?.infos).to.deep.equal([
      { id: HASH, bytes: 12345, type: 'image/png', width: 64, height: 64 },
      { id: 'e279f80c38f99c1e7e53e262b440993b2f7eea57', bytes: 23456, type: 'image/gif', width: 64, height: 64 },
    ]);
  });

  it('reads empty metadata as the avatar taken away, and other notifications as none of its business', () => {
    const empty = NOTIFICATION.replace(/<metadata[^]*<\/metadata>/, "<metadata xmlns='urn:xmpp:avatar:metadata'/>");
    expect(parseAvatarEvent(parseXml(empty))?.infos).to.deep.equal([]);
    expect(parseAvatarEvent(parseXml(NOTIFICATION.replaceAll('urn:xmpp:avatar:metadata', 'urn:xmpp:mood')))).to.equal(undefined);
    expect(parseAvatarEvent(parseXml(NOTIFICATION.replace("type='headline'", "type='error'")))).to.equal(undefined);
    expect(parseAvatarEvent(parseXml("<message from='a@b'><body>hi</body></message>"))).to.equal(undefined);
  });

  it('leaves out versions without a SHA-1 id, a size or a type, and sizes that are not numbers', () => {
    const metadata = parseXml(
      `<metadata xmlns='urn:xmpp:avatar:metadata'><info id='nothex' bytes='1' type='image/png'/>` +
        `<info id='${HASH.toUpperCase()}' bytes='10' type='image/png' width='-3' height='x'/><info id='${HASH}' type='image/png'/></metadata>`,
    );
    expect(parseAvatarMetadata(metadata)).to.deep.equal([{ id: HASH, bytes: 10, type: 'image/png' }]);
    expect(parseAvatarMetadata(parseXml("<metadata xmlns='other'/>"))).to.equal(undefined);
  });

  it('builds metadata that reads back as given, and the empty one', () => {
    const info = { id: HASH, bytes: 640, type: 'image/png', width: 192, height: 96 };
    expect(parseAvatarMetadata(parseXml(toXmlString(buildAvatarMetadata(info))))).to.deep.equal([info]);
    expect(toXmlString(buildAvatarMetadata())).to.equal('<metadata xmlns="urn:xmpp:avatar:metadata"/>');
  });
});

describe('avatar data (XEP-0084)', () => {
  it('carries the bytes in base64, line breaks allowed, and refuses what is not base64', () => {
    const bytes = Uint8Array.from(PNG_START);
    const data = buildAvatarData(bytes);
    expect(toXmlString(data)).to.equal(`<data xmlns="urn:xmpp:avatar:data">${toBase64(bytes)}</data>`);
    expect(parseAvatarData(parseXml(toXmlString(data)))).to.deep.equal(bytes);
    expect(parseAvatarData(parseXml("<data xmlns='urn:xmpp:avatar:data'>iVBO\n Rw0K</data>"))).to.deep.equal(
      Uint8Array.from(PNG_START.slice(0, 6)),
    );
    expect(parseAvatarData(parseXml("<data xmlns='urn:xmpp:avatar:data'>*not*</data>"))).to.equal(undefined);
  });

  it('is asked for by item id at the owner’s bare address', () => {
    const iq = buildAvatarDataGet('juliet@capulet.lit', HASH);
    expect(toXmlString(iq)).to.equal(
      `<iq type="get" to="juliet@capulet.lit" id="${iq.attrs.id}"><pubsub xmlns="http://jabber.org/protocol/pubsub">` +
        `<items node="urn:xmpp:avatar:data"><item id="${HASH}"/></items></pubsub></iq>`,
    );
  });

  it('knows PNG, JPEG, GIF and WebP by their first bytes, and nothing else (SVG included)', () => {
    const of = (text: string | number[]) => imageType(typeof text === 'string' ? new TextEncoder().encode(text) : Uint8Array.from(text));
    expect(of(PNG_START)).to.equal('image/png');
    expect(of([0xff, 0xd8, 0xff, 0xe0])).to.equal('image/jpeg');
    expect(of('GIF89a')).to.equal('image/gif');
    expect(of('RIFF\0\0\0\0WEBPVP8 ')).to.equal('image/webp');
    expect(of('RIFF\0\0\0\0WAVEfmt ')).to.equal(undefined);
    expect(of("<svg xmlns='http://www.w3.org/2000/svg'/>")).to.equal(undefined);
    expect(of([])).to.equal(undefined);
  });
});

describe('vCard-based avatars (XEP-0153, XEP-0054)', () => {
  it('reads the photo hash of presence: a hash, none (empty), or not said', () => {
    const presence = (x: string) => parsePresence(parseXml(`<presence from='juliet@capulet.lit/balcony'>${x}</presence>`))!;
    expect(presence(`<x xmlns='vcard-temp:x:update'><photo>${HASH}</photo></x>`).photo).to.equal(HASH);
    expect(presence("<x xmlns='vcard-temp:x:update'><photo/></x>").photo).to.equal('');
    expect(presence("<x xmlns='vcard-temp:x:update'/>").photo).to.equal(undefined);
    expect(presence(`<photo>${HASH}</photo>`).photo).to.equal(undefined);
    expect(avatarHash(` ${HASH.toUpperCase()} `)).to.equal(HASH);
    expect(avatarHash('')).to.equal(undefined);
  });

  it('reads a vCard’s inline photo, never one given as a link', () => {
    const result = parseXml(
      `<iq type='result' id='v1' from='juliet@capulet.lit'><vCard xmlns='vcard-temp'><FN>Juliet</FN>` +
        `<PHOTO><TYPE>image/png</TYPE><BINVAL>\niVBORw0K\nGgoAAAAN\n</BINVAL></PHOTO></vCard></iq>`,
    );
    expect(parseVcardPhoto(vcardOf(result)!)).to.deep.equal({ type: 'image/png', bytes: Uint8Array.from(PNG_START) });
    const linked = parseXml("<vCard xmlns='vcard-temp'><PHOTO><EXTVAL>http://example.org/j.png</EXTVAL></PHOTO></vCard>");
    expect(parseVcardPhoto(linked)).to.equal(undefined);
    expect(vcardOf(parseXml("<iq type='result' id='v2'/>"))).to.equal(undefined);
  });

  it('sets the photo while keeping the vCard’s other fields', () => {
    const vcard = parseXml(
      "<vCard xmlns='vcard-temp'><FN>Juliet</FN><PHOTO><TYPE>image/gif</TYPE><BINVAL>R0lG</BINVAL></PHOTO><NICKNAME>J</NICKNAME></vCard>",
    );
    const set = buildVcardPhotoSet(vcard, { type: 'image/png', bytes: Uint8Array.from(PNG_START) });
    expect(set.attrs.type).to.equal('set');
    expect(toXmlString(childOf(set, 'vCard')!)).to.equal(
      '<vCard xmlns="vcard-temp"><FN>Juliet</FN><NICKNAME>J</NICKNAME>' +
        `<PHOTO><TYPE>image/png</TYPE><BINVAL>${toBase64(Uint8Array.from(PNG_START))}</BINVAL></PHOTO></vCard>`,
    );
    expect(toXmlString(childOf(buildVcardPhotoSet(undefined), 'vCard')!)).to.equal('<vCard xmlns="vcard-temp"/>');
  });

  it('turns large images into base64 and back', () => {
    const bytes = Uint8Array.from({ length: 200_000 }, (_, i) => (i * 7) % 256);
    expect(fromBase64(toBase64(bytes))).to.deep.equal(bytes);
  });
});
