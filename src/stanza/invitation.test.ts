import { expect } from '@esm-bundle/chai';
import { parseXml } from './dom.ts';
import { childOf, toXmlString } from './element.ts';
import { buildDecline, buildDirectInvite, buildMediatedInvite, parseInvitation } from './invitation.ts';

const ROOM = 'darkcave@chat.shakespeare.lit';

describe('invitation stanzas', () => {
  it('builds a direct invitation (XEP-0249 example 1), a mediated one and a decline (XEP-0045 §7.8.2)', () => {
    const direct = buildDirectInvite('hecate@shakespeare.lit', ROOM, 'Hey Hecate, this is the place for all good witches!', 'cauldronburn');
    expect(direct.attrs.to).to.equal('hecate@shakespeare.lit');
    expect(toXmlString(childOf(direct, 'x')!)).to.equal(
      `<x xmlns="jabber:x:conference" jid="${ROOM}" reason="Hey Hecate, this is the place for all good witches!" password="cauldronburn"/>`,
    );
    const mediated = buildMediatedInvite(ROOM, 'hecate@shakespeare.lit', 'Join us');
    expect(mediated.attrs.to).to.equal(ROOM);
    expect(toXmlString(childOf(mediated, 'x')!)).to.equal(
      `<x xmlns="http://jabber.org/protocol/muc#user"><invite to="hecate@shakespeare.lit"><reason>Join us</reason></invite></x>`,
    );
    expect(toXmlString(childOf(buildDecline(ROOM, 'crone1@shakespeare.lit'), 'x')!)).to.equal(
      `<x xmlns="http://jabber.org/protocol/muc#user"><decline to="crone1@shakespeare.lit"/></x>`,
    );
  });

  it('reads direct and mediated invitations, and nothing else', () => {
    expect(
      parseInvitation(
        parseXml(`<message from='crone1@shakespeare.lit/desktop' to='hecate@shakespeare.lit'>
          <x xmlns='jabber:x:conference' jid='${ROOM}' password='cauldronburn' reason='Hey Hecate'/></message>`),
      ),
    ).to.deep.equal({ room: ROOM, from: 'crone1@shakespeare.lit', kind: 'direct', reason: 'Hey Hecate', password: 'cauldronburn' });
    // XEP-0045 example 58: the room passes it on, with the body some rooms add.
    expect(
      parseInvitation(
        parseXml(`<message from='${ROOM}' id='nzd143v8' to='hecate@shakespeare.lit'><body>You have been invited</body>
          <x xmlns='http://jabber.org/protocol/muc#user'><invite from='crone1@shakespeare.lit/desktop'><reason>Hey Hecate</reason></invite>
          <password>cauldronburn</password></x></message>`),
      ),
    ).to.deep.equal({ room: ROOM, from: 'crone1@shakespeare.lit', kind: 'mediated', reason: 'Hey Hecate', password: 'cauldronburn' });
    expect(parseInvitation(parseXml(`<message from='a@b/c'><x xmlns='jabber:x:conference' jid='${ROOM}/nick'/></message>`))).to.equal(
      undefined,
    );
    expect(
      parseInvitation(parseXml(`<message from='a@b/c' type='error'><x xmlns='jabber:x:conference' jid='${ROOM}'/></message>`)),
    ).to.equal(undefined);
    expect(
      parseInvitation(
        parseXml(`<message from='${ROOM}/nick'><x xmlns='http://jabber.org/protocol/muc#user'><invite from='a@b'/></x></message>`),
      ),
    ).to.equal(undefined);
    expect(parseInvitation(parseXml(`<message from='a@b/c'><body>hi</body></message>`))).to.equal(undefined);
  });
});
