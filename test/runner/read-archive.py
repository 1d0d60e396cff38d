#!/usr/bin/python3
"""Reads an account's whole message archive (XEP-0313) as a third-party client, slixmpp, sees it.

    read-archive.py <jid> <password> <host> <port> [with-jid]

Prints one JSON object: {"messages": [{"archiveId", "from", "to", "id", "originId", "body", and
any of "oob", "file", "reactions", "reply", "retract", "replace"}...]}
in archive order. The tests judge delivery by this, not by what the widget shows.
"""
import asyncio
import json
import logging
import sys

from slixmpp import ClientXMPP
from slixmpp.xmlstream import ET

logging.basicConfig(level=logging.ERROR)
NS_SID = 'urn:xmpp:sid:0'


class ArchiveReader(ClientXMPP):
    def __init__(self, jid, password, with_jid):
        super().__init__(jid, password)
        self.with_jid = with_jid
        self.messages = []
        self.failure = None
        self.register_plugin('xep_0030')
        self.register_plugin('xep_0059')
        self.register_plugin('xep_0313')
        self.add_event_handler('session_start', self.on_start)
        self.add_event_handler('failed_auth', lambda _: self.fail('authentication failed'))

    def fail(self, why):
        self.failure = why
        self.disconnect()

    async def on_start(self, _event):
        try:
            kwargs = {'with_jid': self.with_jid} if self.with_jid else {}
            async for result in self['xep_0313'].iterate(rsm={'max': 250}, **kwargs):
                self.messages.append(describe(result))
        except Exception as error:  # reported to the test, which fails with it
            self.failure = f'archive query failed: {error!r}'
        self.disconnect()


def describe(result):
    forwarded = result['mam_result']['forwarded']
    message = forwarded['stanza']
    xml = message.xml
    origin = xml.find(f'{{{NS_SID}}}origin-id')
    body = xml.find('{jabber:client}body')
    return {
        'archiveId': result['mam_result']['id'],
        'from': str(message['from']),
        'to': str(message['to']),
        'id': message['id'],
        'originId': origin.get('id') if origin is not None else None,
        'body': body.text if body is not None else None,
        **extensions(xml),
    }


def extensions(xml):
    """What the message carries beyond text, as a client that knows these extensions reads it."""
    found = {}
    oob = xml.find('{jabber:x:oob}x/{jabber:x:oob}url')
    if oob is not None:
        found['oob'] = oob.text
    meta = xml.find('{urn:xmpp:sfs:0}file-sharing/{urn:xmpp:file:metadata:0}file')
    if meta is not None:
        found['file'] = {child.tag.split('}')[1]: child.text for child in meta}
    reactions = xml.find('{urn:xmpp:reactions:0}reactions')
    if reactions is not None:
        found['reactions'] = {
            'id': reactions.get('id'),
            'emojis': [r.text for r in reactions.findall('{urn:xmpp:reactions:0}reaction')],
        }
    reply = xml.find('{urn:xmpp:reply:0}reply')
    if reply is not None:
        found['reply'] = {'id': reply.get('id'), 'to': reply.get('to')}
    retract = xml.find('{urn:xmpp:message-retract:1}retract')
    if retract is not None:
        found['retract'] = retract.get('id')
    replace = xml.find('{urn:xmpp:message-correct:0}replace')
    if replace is not None:
        found['replace'] = replace.get('id')
    return found


def main():
    jid, password, host, port = sys.argv[1:5]
    with_jid = sys.argv[5] if len(sys.argv) > 5 else None
    reader = ArchiveReader(jid, password, with_jid)
    reader.connect((host, int(port)), use_ssl=False, force_starttls=False, disable_starttls=True)
    loop = asyncio.get_event_loop()
    loop.run_until_complete(asyncio.wait_for(reader.disconnected, timeout=60))
    if reader.failure:
        print(json.dumps({'error': reader.failure}))
        sys.exit(1)
    print(json.dumps({'messages': reader.messages}))


if __name__ == '__main__':
    main()
