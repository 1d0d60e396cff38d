import { expect } from '@esm-bundle/chai';
import { parseXml } from './dom.ts';
import { childOf, childrenOf, textOf, toXmlString, xml, type XmlElement } from './element.ts';
import { buildMamQuery, parseMamFin, parseMamResult } from './mam.ts';
import { parseChatMessage } from './message.ts';

const OWN = 'juliet@capulet.lit';
const ROOM = 'coven@chat.shakespeare.lit';

// A result from the user archive as Prosody 0.12 sends it: no outer from.
const PROSODY_RESULT = `<message xmlns='jabber:client' to='juliet@capulet.lit/chamber'>
  <result xmlns='urn:xmpp:mam:2' queryid='f27' id='28482-98726-73623'>
    <forwarded xmlns='urn:xmpp:forward:0'>
      <delay xmlns='urn:xmpp:delay' stamp='2010-07-10T23:08:25Z'/>
      <message xmlns='jabber:client' to='juliet@capulet.lit/balcony' from='romeo@montague.lit/orchard' type='chat' id='o1'>
        <body>Call me but love, and I'll be new baptized.</body>
      </message>
    </forwarded>
  </result>
</message>`;

// A room archive result as ejabberd sends it: from the room's bare JID.
const EJABBERD_MUC_RESULT = `<message xmlns='jabber:client' from='coven@chat.shakespeare.lit' to='hag66@shakespeare.lit/pda' id='iasd207'>
  <result xmlns='urn:xmpp:mam:2' queryid='g27' id='34482-21985-73620'>
    <forwarded xmlns='urn:xmpp:forward:0'>
      <delay xmlns='urn:xmpp:delay' stamp='2002-10-13T23:58:37Z'/>
      <message xmlns='jabber:client' from='coven@chat.shakespeare.lit/firstwitch' type='groupchat' id='162B'>
        <body>Thrice the brinded cat hath mew'd.</body>
      </message>
    </forwarded>
  </result>
</message>`;

const result = (from: string | undefined, attrs: Record<string, string | undefined>, ...forwarded: XmlElement[]) =>
  xml(
    'message',
    { from },
    xml('result', { xmlns: 'urn:xmpp:mam:2', ...attrs }, xml('forwarded', { xmlns: 'urn:xmpp:forward:0' }, forwarded)),
  );
const archived = xml('message', { from: 'romeo@montague.lit/orchard', type: 'chat' }, xml('body', {}, 'hi'));

describe('buildMamQuery', () => {
  it('builds a filtered query for the last page', () => {
    const iq = buildMamQuery({
      queryId: 'q1',
      with: 'romeo@montague.lit',
      start: '2010-06-07T00:00:00Z',
      end: '2010-07-07T13:23:54Z',
      before: true,
      max: 20,
    });
    expect(iq.attrs.type).to.equal('set');
    expect(iq.attrs.id).to.be.a('string').with.length.greaterThan(10);
    expect(iq.attrs.to).to.equal(undefined);
    expect(toXmlString(childOf(iq, 'query')!)).to.equal(
      '<query xmlns="urn:xmpp:mam:2" queryid="q1">' +
        '<x xmlns="jabber:x:data" type="submit"><field var="FORM_TYPE" type="hidden"><value>urn:xmpp:mam:2</value></field>' +
        '<field var="with"><value>romeo@montague.lit</value></field><field var="start"><value>2010-06-07T00:00:00Z</value></field>' +
        '<field var="end"><value>2010-07-07T13:23:54Z</value></field></x>' +
        '<set xmlns="http://jabber.org/protocol/rsm"><max>20</max><before/></set></query>',
    );
  });

  it('pages forward and backward, and addresses a room archive', () => {
    const forward = buildMamQuery({ queryId: 'q2', after: '09af3', max: 10, to: ROOM });
    expect(forward.attrs.to).to.equal(ROOM);
    const set = childOf(childOf(forward, 'query')!, 'set', 'http://jabber.org/protocol/rsm')!;
    expect(toXmlString(set)).to.equal('<set xmlns="http://jabber.org/protocol/rsm"><max>10</max><after>09af3</after></set>');
    const back = childOf(childOf(buildMamQuery({ queryId: 'q3', before: '28482', max: 5 }), 'query')!, 'set')!;
    expect(toXmlString(back)).to.equal('<set xmlns="http://jabber.org/protocol/rsm"><max>5</max><before>28482</before></set>');
    const fields = childrenOf(childOf(childOf(forward, 'query')!, 'x')!, 'field').map((f) => f.attrs.var);
    expect(fields).to.deep.equal(['FORM_TYPE']);
  });

  it('sanitizes max', () => {
    const max = (n: number) => textOf(childOf(childOf(childOf(buildMamQuery({ queryId: 'q', max: n }), 'query')!, 'set')!, 'max'));
    expect(max(12.9)).to.equal('12');
    expect(max(-3)).to.equal('0');
    expect(max(NaN)).to.equal('');
  });
});

describe('parseMamResult', () => {
  it('reads a Prosody user-archive result (no from)', () => {
    const res = parseMamResult(parseXml(PROSODY_RESULT), 'f27', OWN);
    expect(res?.archiveId).to.equal('28482-98726-73623');
    expect(res?.stamp).to.equal('2010-07-10T23:08:25Z');
    expect(parseChatMessage(res!.message)).to.deep.include({ id: 'o1', from: 'romeo@montague.lit/orchard', type: 'chat' });
  });

  it('reads an ejabberd room-archive result from the room', () => {
    const res = parseMamResult(parseXml(EJABBERD_MUC_RESULT), 'g27', 'Coven@Chat.Shakespeare.lit');
    expect(res?.archiveId).to.equal('34482-21985-73620');
    expect(parseChatMessage(res!.message)?.body).to.equal("Thrice the brinded cat hath mew'd.");
  });

  it('reads a user-archive result from the own bare JID, and one without delay', () => {
    expect(parseMamResult(result('Juliet@Capulet.lit', { queryid: 'q', id: 'a1' }, archived), 'q', OWN)).to.deep.equal({
      archiveId: 'a1',
      message: archived,
    });
  });

  it('ignores forged results from anyone but the archive', () => {
    const forged = [
      'romeo@montague.lit',
      'romeo@montague.lit/orchard',
      'juliet@capulet.lit/balcony',
      'capulet.lit',
      '',
      'juliet@capulet.lit.evil',
    ];
    for (const from of forged)
      expect(parseMamResult(result(from, { queryid: 'q', id: 'a' }, archived), 'q', OWN), from).to.equal(undefined);
    // A room occupant's private message dressed up as the room's archive.
    expect(
      parseMamResult(
        parseXml(EJABBERD_MUC_RESULT.replace("from='coven@chat.shakespeare.lit' ", "from='coven@chat.shakespeare.lit/firstwitch' ")),
        'g27',
        ROOM,
      ),
    ).to.equal(undefined);
    expect(parseMamResult(parseXml(EJABBERD_MUC_RESULT), 'g27', OWN)).to.equal(undefined);
    expect(parseMamResult(result(OWN, { queryid: 'q', id: 'a' }, archived), 'q', 'not a jid')).to.equal(undefined);
  });

  it('ignores results for other queries and results without ids', () => {
    expect(parseMamResult(parseXml(PROSODY_RESULT), 'f28', OWN)).to.equal(undefined);
    expect(parseMamResult(parseXml(PROSODY_RESULT), '', OWN)).to.equal(undefined);
    expect(parseMamResult(result(undefined, { id: 'a' }, archived), 'q', OWN)).to.equal(undefined);
    expect(parseMamResult(result(undefined, { queryid: 'q' }, archived), 'q', OWN)).to.equal(undefined);
    expect(parseMamResult(result(undefined, { queryid: 'q', id: '' }, archived), 'q', OWN)).to.equal(undefined);
  });

  it('refuses malformed results', () => {
    const cases: XmlElement[] = [
      result(undefined, { queryid: 'q', id: 'a' }),
      result(undefined, { queryid: 'q', id: 'a' }, archived, archived),
      result(undefined, { queryid: 'q', id: 'a' }, xml('message', { xmlns: 'urn:evil' })),
      result(undefined, { queryid: 'q', id: 'a' }, xml('iq', { type: 'set' })),
      xml(
        'message',
        {},
        xml('result', { xmlns: 'urn:xmpp:mam:1', queryid: 'q', id: 'a' }, xml('forwarded', { xmlns: 'urn:xmpp:forward:0' }, archived)),
      ),
      xml('message', {}, xml('result', { xmlns: 'urn:xmpp:mam:2', queryid: 'q', id: 'a' }, archived)),
      xml(
        'message',
        { type: 'error' },
        xml('result', { xmlns: 'urn:xmpp:mam:2', queryid: 'q', id: 'a' }, xml('forwarded', { xmlns: 'urn:xmpp:forward:0' }, archived)),
      ),
      {
        ...result(undefined, { queryid: 'q', id: 'a' }, archived),
        children: [
          ...result(undefined, { queryid: 'q', id: 'a' }, archived).children,
          ...result(undefined, { queryid: 'q', id: 'b' }, archived).children,
        ],
      },
      xml(
        'iq',
        {},
        xml('result', { xmlns: 'urn:xmpp:mam:2', queryid: 'q', id: 'a' }, xml('forwarded', { xmlns: 'urn:xmpp:forward:0' }, archived)),
      ),
    ];
    for (const el of cases) expect(parseMamResult(el, 'q', OWN), toXmlString(el)).to.equal(undefined);
  });

  it('reads a 1 MB archived body', () => {
    const big = 'y'.repeat(1024 * 1024);
    const res = parseMamResult(parseXml(PROSODY_RESULT.replace("Call me but love, and I'll be new baptized.", big)), 'f27', OWN);
    expect(parseChatMessage(res!.message)?.body).to.have.length(1024 * 1024);
  });

  it('never throws on odd elements', () => {
    const odd: XmlElement[] = [
      xml(''),
      xml('message', { from: '@' }, 'x'),
      xml('message', {}, xml('result', { xmlns: 'urn:xmpp:mam:2' }, 'text')),
    ];
    for (const el of odd) expect(() => parseMamResult(el, 'q', '')).not.to.throw();
  });
});

describe('parseMamFin', () => {
  it('reads a complete Prosody fin', () => {
    const iq = parseXml(
      `<iq xmlns='jabber:client' type='result' id='u29303'><fin xmlns='urn:xmpp:mam:2' complete='true'>` +
        `<set xmlns='http://jabber.org/protocol/rsm'><first index='0'>23452-4534-1</first><last>390-2342-22</last><count>16</count></set></fin></iq>`,
    );
    expect(parseMamFin(iq)).to.deep.equal({ complete: true, first: '23452-4534-1', last: '390-2342-22', count: 16 });
  });

  it('reads an incomplete page and an empty one', () => {
    const page = xml(
      'iq',
      { type: 'result' },
      xml(
        'fin',
        { xmlns: 'urn:xmpp:mam:2' },
        xml('set', { xmlns: 'http://jabber.org/protocol/rsm' }, xml('first', {}, 'a'), xml('last', {}, 'b')),
      ),
    );
    expect(parseMamFin(page)).to.deep.equal({ complete: false, first: 'a', last: 'b' });
    const empty = xml(
      'iq',
      { type: 'result' },
      xml(
        'fin',
        { xmlns: 'urn:xmpp:mam:2', complete: '1' },
        xml('set', { xmlns: 'http://jabber.org/protocol/rsm' }, xml('count', {}, '0')),
      ),
    );
    expect(parseMamFin(empty)).to.deep.equal({ complete: true, count: 0 });
    expect(parseMamFin(xml('iq', { type: 'result' }, xml('fin', { xmlns: 'urn:xmpp:mam:2', complete: 'false' })))).to.deep.equal({
      complete: false,
    });
  });

  it('only takes true or 1 as complete, and only sane counts', () => {
    for (const complete of ['yes', 'TRUE', ' true', '']) {
      expect(parseMamFin(xml('iq', { type: 'result' }, xml('fin', { xmlns: 'urn:xmpp:mam:2', complete })))?.complete, complete).to.equal(
        false,
      );
    }
    for (const count of ['-1', '1.5', 'many', '1e3', '9999999999999999999']) {
      const iq = xml(
        'iq',
        { type: 'result' },
        xml('fin', { xmlns: 'urn:xmpp:mam:2' }, xml('set', { xmlns: 'http://jabber.org/protocol/rsm' }, xml('count', {}, count))),
      );
      expect(parseMamFin(iq)?.count, count).to.equal(undefined);
    }
  });

  it('returns undefined without a fin, in a foreign namespace, or for errors', () => {
    const cases = [
      xml('iq', { type: 'result' }),
      xml('iq', { type: 'result' }, xml('fin', { xmlns: 'urn:xmpp:mam:1', complete: 'true' })),
      xml('iq', { type: 'error' }, xml('fin', { xmlns: 'urn:xmpp:mam:2', complete: 'true' })),
      xml('message', { type: 'result' }, xml('fin', { xmlns: 'urn:xmpp:mam:2' })),
    ];
    for (const el of cases) expect(parseMamFin(el), toXmlString(el)).to.equal(undefined);
  });
});
