import { expect } from '@esm-bundle/chai';
import { parseXml } from './dom.ts';
import { buildConfigure, buildCreate, buildItemsGet, buildPublish, buildRetract, parseItems, parsePubsubEvent } from './desk-pubsub.ts';
import { childOf, toXmlString, xml } from './element.ts';

const NODE = 'urn:xmpp-chat:desk:0:conversations';

describe('desk pubsub requests', () => {
  it('publishes with publish-options', () => {
    const iq = buildPublish(NODE, 'v@localhost', xml('x', { xmlns: 'urn:t' }), {
      'pubsub#access_model': 'whitelist',
      'pubsub#persist_items': 'true',
    });
    expect(iq.attrs.type).to.equal('set');
    expect(iq.attrs.to).to.equal(undefined);
    expect(toXmlString(childOf(iq, 'pubsub')!)).to.equal(
      `<pubsub xmlns="http://jabber.org/protocol/pubsub"><publish node="${NODE}"><item id="v@localhost"><x xmlns="urn:t"/></item></publish>` +
        '<publish-options><x xmlns="jabber:x:data" type="submit">' +
        '<field var="FORM_TYPE" type="hidden"><value>http://jabber.org/protocol/pubsub#publish-options</value></field>' +
        '<field var="pubsub#access_model"><value>whitelist</value></field><field var="pubsub#persist_items"><value>true</value></field>' +
        '</x></publish-options></pubsub>',
    );
  });

  it('creates configured, configures, reads and retracts', () => {
    expect(toXmlString(childOf(buildCreate(NODE, { 'pubsub#max_items': '10000' }), 'pubsub')!)).to.equal(
      `<pubsub xmlns="http://jabber.org/protocol/pubsub"><create node="${NODE}"/><configure><x xmlns="jabber:x:data" type="submit">` +
        '<field var="FORM_TYPE" type="hidden"><value>http://jabber.org/protocol/pubsub#node_config</value></field>' +
        '<field var="pubsub#max_items"><value>10000</value></field></x></configure></pubsub>',
    );
    expect(toXmlString(childOf(buildConfigure(NODE, {}), 'pubsub')!)).to.equal(
      `<pubsub xmlns="http://jabber.org/protocol/pubsub#owner"><configure node="${NODE}"><x xmlns="jabber:x:data" type="submit">` +
        '<field var="FORM_TYPE" type="hidden"><value>http://jabber.org/protocol/pubsub#node_config</value></field></x></configure></pubsub>',
    );
    expect(toXmlString(childOf(buildItemsGet(NODE), 'pubsub')!)).to.equal(
      `<pubsub xmlns="http://jabber.org/protocol/pubsub"><items node="${NODE}"/></pubsub>`,
    );
    expect(toXmlString(childOf(buildItemsGet(NODE, 'a@b'), 'pubsub')!)).to.equal(
      `<pubsub xmlns="http://jabber.org/protocol/pubsub"><items node="${NODE}"><item id="a@b"/></items></pubsub>`,
    );
    expect(toXmlString(childOf(buildRetract(NODE, 'a@b'), 'pubsub')!)).to.equal(
      `<pubsub xmlns="http://jabber.org/protocol/pubsub"><retract node="${NODE}" notify="true"><item id="a@b"/></retract></pubsub>`,
    );
  });
});

describe('desk pubsub answers', () => {
  it('reads items, and an answer without any', () => {
    const answer = parseXml(
      `<iq xmlns="jabber:client" type="result" id="1"><pubsub xmlns="http://jabber.org/protocol/pubsub"><items node="${NODE}">` +
        `<item id="a@b"><x xmlns="urn:t"/></item><item><x xmlns="urn:t"/></item><item id="c@d"/></items></pubsub></iq>`,
    );
    const items = parseItems(answer, NODE)!;
    expect(items.map((i) => i.id)).to.deep.equal(['a@b', 'c@d']);
    expect(items[0].payload?.name).to.equal('x');
    expect(items[1].payload).to.equal(undefined);
    expect(parseItems(parseXml('<iq xmlns="jabber:client" type="result" id="1"/>'), NODE)).to.deep.equal([]);
    expect(parseItems(answer, 'other')).to.equal(undefined);
    expect(parseItems(parseXml('<iq xmlns="jabber:client" type="error" id="1"/>'), NODE)).to.equal(undefined);
  });

  it('reads notifications of published and retracted items', () => {
    const event = parseXml(
      `<message xmlns="jabber:client" from="support@localhost" type="headline"><event xmlns="http://jabber.org/protocol/pubsub#event">` +
        `<items node="${NODE}"><item id="a@b"><x xmlns="urn:t"/></item><retract id="c@d"/></items></event></message>`,
    );
    const parsed = parsePubsubEvent(event)!;
    expect(parsed.node).to.equal(NODE);
    expect(parsed.items.map((i) => i.id)).to.deep.equal(['a@b']);
    expect(parsed.retracted).to.deep.equal(['c@d']);
    expect(parsePubsubEvent(parseXml('<message xmlns="jabber:client"><body>hi</body></message>'))).to.equal(undefined);
    expect(parsePubsubEvent(parseXml('<message xmlns="jabber:client"><items node="x"/></message>'))).to.equal(undefined);
  });
});
