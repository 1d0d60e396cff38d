import { expect } from '@esm-bundle/chai';
import { buildBookmarkPublish, buildPrivateSet, privateStorageOf, readBookmarkItem, readStorage } from './bookmarks.ts';
import { parseXml } from './dom.ts';
import { childOf, toXmlString } from './element.ts';

const ROOM = 'theplay@conference.shakespeare.lit';

describe('bookmark stanzas', () => {
  it('publishes one room as a XEP-0402 item with the node options of §3', () => {
    const iq = buildBookmarkPublish({ jid: ROOM, name: 'The Play’s the Thing', nick: 'JC', autojoin: true });
    const pubsub = childOf(iq, 'pubsub')!;
    expect(toXmlString(childOf(pubsub, 'publish')!)).to.equal(
      `<publish node="urn:xmpp:bookmarks:1"><item id="${ROOM}"><conference xmlns="urn:xmpp:bookmarks:1" name="The Play’s the Thing" autojoin="true"><nick>JC</nick></conference></item></publish>`,
    );
    const options = toXmlString(childOf(pubsub, 'publish-options')!);
    for (const [field, value] of [
      ['persist_items', 'true'],
      ['max_items', 'max'],
      ['send_last_published_item', 'never'],
      ['access_model', 'whitelist'],
    ])
      expect(options).to.contain(`<field var="pubsub#${field}"><value>${value}</value></field>`);
  });

  it('reads XEP-0402 items (XEP-0402 example 3) and leaves out what is not a room', () => {
    const payload = parseXml(
      `<conference xmlns='urn:xmpp:bookmarks:1' name='The Play' autojoin='1'><nick>JC</nick><password>secret</password></conference>`,
    );
    expect(readBookmarkItem(ROOM, payload)).to.deep.equal({ jid: ROOM, name: 'The Play', nick: 'JC', password: 'secret', autojoin: true });
    expect(readBookmarkItem(ROOM, parseXml(`<conference xmlns='urn:xmpp:bookmarks:1'/>`))).to.deep.equal({ jid: ROOM, autojoin: false });
    expect(readBookmarkItem(`${ROOM}/nick`, payload)).to.equal(undefined);
    expect(readBookmarkItem(ROOM, parseXml(`<storage xmlns='storage:bookmarks'/>`))).to.equal(undefined);
  });

  it('reads and rewrites private XML bookmarks (XEP-0048), keeping URL bookmarks', () => {
    const answer = parseXml(`<iq type='result'><query xmlns='jabber:iq:private'><storage xmlns='storage:bookmarks'>
      <conference name='Council of Oberon' autojoin='true' jid='council@conference.underhill.org'><nick>Puck</nick></conference>
      <conference jid='not a room/at all'/>
      <url name='Complete Works of Shakespeare' url='http://the-tech.mit.edu/Shakespeare/'/>
    </storage></query></iq>`);
    const storage = privateStorageOf(answer);
    expect(readStorage(storage)).to.deep.equal([
      { jid: 'council@conference.underhill.org', name: 'Council of Oberon', nick: 'Puck', autojoin: true },
    ]);
    const set = buildPrivateSet([{ jid: ROOM, autojoin: false }], storage);
    expect(set.attrs.type).to.equal('set');
    expect(toXmlString(childOf(set, 'query')!)).to.equal(
      `<query xmlns="jabber:iq:private"><storage xmlns="storage:bookmarks"><conference jid="${ROOM}" autojoin="false"/><url name="Complete Works of Shakespeare" url="http://the-tech.mit.edu/Shakespeare/"/></storage></query>`,
    );
    expect(privateStorageOf(parseXml(`<iq type='error'/>`))).to.equal(undefined);
  });
});
