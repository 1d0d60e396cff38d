#!/usr/bin/python3
"""Sends one chat message as a third-party client, slixmpp, would: a body and extension elements.

    send-message.py <jid> <password> <host> <port> <to> <body> [<extension xml>...]

Prints {"id": <the message's id>} once the server has acknowledged it (XEP-0198), or {"error"}.
"""
import asyncio
import json
import logging
import sys

from slixmpp import ClientXMPP
from slixmpp.xmlstream import ET

logging.basicConfig(level=logging.ERROR)


class Sender(ClientXMPP):
    def __init__(self, jid, password, to, body, extensions):
        super().__init__(jid, password)
        self.to, self.body, self.extensions = to, body, extensions
        self.sent_id = None
        self.failure = None
        self.register_plugin('xep_0198')
        self.add_event_handler('session_start', self.on_start)
        self.add_event_handler('failed_auth', lambda _: self.fail('authentication failed'))

    def fail(self, why):
        self.failure = why
        self.disconnect()

    async def on_start(self, _event):
        self.send_presence()
        message = self.make_message(mto=self.to, mbody=self.body or None, mtype='chat')
        for extension in self.extensions:
            message.append(ET.fromstring(extension))
        self.sent_id = message['id']
        message.send()
        # A ping's answer comes after the message has been handled.
        await self['xep_0199'].ping(self.boundjid.domain, timeout=10) if 'xep_0199' in self.plugin else await asyncio.sleep(1)
        self.disconnect()


def main():
    jid, password, host, port, to, body, *extensions = sys.argv[1:]
    sender = Sender(jid, password, to, body, extensions)
    sender.register_plugin('xep_0199')
    sender.connect((host, int(port)), use_ssl=False, force_starttls=False, disable_starttls=True)
    loop = asyncio.get_event_loop()
    loop.run_until_complete(asyncio.wait_for(sender.disconnected, timeout=30))
    if sender.failure or not sender.sent_id:
        print(json.dumps({'error': sender.failure or 'not sent'}))
        sys.exit(1)
    print(json.dumps({'id': sender.sent_id}))


if __name__ == '__main__':
    main()
