#!/usr/bin/python3
"""A room occupant as a third-party client, slixmpp, is one: joins a room and stays, says what it is told.

    muc-peer.py <jid> <password> <host> <port> <room> <nick> [<room password>] [--persistent]

Joins <room> under <nick> (creating it if needed: with <room password> set as its password, else with
the default configuration; --persistent makes it a persistent room, which outlives a server restart),
then reads commands from stdin, one JSON object a line:
    {"say": "<body>"}   a message to the room
    {"invite": "<jid>", "reason": "<why>"}   a direct invitation (XEP-0249) to the room
    {"private": "<nick>", "body": "<body>"}   a private message to an occupant (type chat, with muc#user)
    {"archive": true}   read the room's whole archive (XEP-0313 at the room's address)
    {"quit": true}      leave and stop
and writes what happens to stdout, one JSON object a line:
    {"event": "joined", "codes": [...]}, {"event": "message", "nick", "body", "id", "originId", "stanzaId"},
    {"event": "presence", "nick", "type", "role", "codes"}, {"event": "subject", "nick", "subject"},
    {"event": "private", "from", "body"}, {"event": "invitation", "kind", "room", "from", "reason"},
    {"event": "moderated", "id", "by"}, {"event": "archive", "messages": [{"archiveId", "nick", "body",
    "originId"}...]}, {"event": "disconnected"}, {"event": "error", "why"}
A lost connection (a server restart) is made again, every second, and the room joined again ("joined"
once more). It stops by itself after two minutes.
"""
import asyncio
import json
import logging
import os
import sys

from slixmpp import JID, ClientXMPP
from slixmpp.xmlstream import ET
from slixmpp.xmlstream.handler import Callback
from slixmpp.xmlstream.matcher import MatchXPath

logging.basicConfig(level=logging.ERROR)
MUC = 'http://jabber.org/protocol/muc'
MUC_USER = MUC + '#user'
SID = 'urn:xmpp:sid:0'
CONFERENCE = 'jabber:x:conference'
RETRACT_1 = 'urn:xmpp:message-retract:1'
MODERATE_1 = 'urn:xmpp:message-moderate:1'
FASTEN = 'urn:xmpp:fasten:0'
MODERATE_0 = 'urn:xmpp:message-moderate:0'


def out(**event):
    print(json.dumps(event), flush=True)


class Peer(ClientXMPP):
    def __init__(self, jid, password, room, nick, room_password, persistent, address):
        super().__init__(jid, password)
        self.room, self.nick, self.room_password, self.persistent = room, nick, room_password, persistent
        self.address = address
        self.joined = False
        self.quitting = False
        self.stopped = asyncio.get_event_loop().create_future()
        for plugin in ('xep_0030', 'xep_0059', 'xep_0313', 'xep_0198'):
            self.register_plugin(plugin)
        self.add_event_handler('session_start', self.on_start)
        self.add_event_handler('failed_auth', lambda _: self.fail('authentication failed'))
        self.add_event_handler('presence', self.on_presence)
        # slixmpp's own `message` event is only for messages with a body: subjects, invitations and
        # moderations have none.
        self.register_handler(Callback('every message', MatchXPath('{jabber:client}message'), self.on_message))
        self.add_event_handler('disconnected', self.on_disconnected)
        self.add_event_handler('connection_failed', self.on_connection_failed)

    def start(self):
        self.connect(self.address, use_ssl=False, force_starttls=False, disable_starttls=True)

    def fail(self, why):
        out(event='error', why=why)
        self.stop()

    def stop(self):
        self.quitting = True
        self.disconnect()
        if not self.stopped.done():
            self.stopped.set_result(True)

    def on_disconnected(self, _reason):
        if self.quitting:
            return
        out(event='disconnected')
        self.joined = False
        asyncio.get_event_loop().call_later(1, self.start)

    def on_connection_failed(self, _error):
        # slixmpp backs off up to minutes between attempts; a restarting test server is back in seconds.
        self.cancel_connection_attempt()
        if not self.quitting:
            asyncio.get_event_loop().call_later(1, self.start)

    async def on_start(self, _event):
        self.send_presence()
        join = self.make_presence(pto=f'{self.room}/{self.nick}')
        x = ET.fromstring(f"<x xmlns='{MUC}'><history maxstanzas='0'/></x>")
        if self.room_password:
            password = ET.SubElement(x, f'{{{MUC}}}password')
            password.text = self.room_password
        join.append(x)
        join.send()

    async def configure(self):
        fields = ''
        if self.room_password or self.persistent:
            fields = "<field var='FORM_TYPE'><value>http://jabber.org/protocol/muc#roomconfig</value></field>"
        if self.room_password:
            fields += (
                "<field var='muc#roomconfig_passwordprotectedroom'><value>1</value></field>"
                f"<field var='muc#roomconfig_roomsecret'><value>{self.room_password}</value></field>"
            )
        if self.persistent:
            fields += "<field var='muc#roomconfig_persistentroom'><value>1</value></field>"
        iq = self.make_iq_set(ito=self.room)
        iq.append(ET.fromstring(f"<query xmlns='{MUC}#owner'><x xmlns='jabber:x:data' type='submit'>{fields}</x></query>"))
        await iq.send(timeout=10)

    async def on_presence(self, presence):
        sender = presence['from']
        if sender.bare != self.room:
            return
        if presence['type'] == 'error':
            return self.fail(f"join refused: {presence['error']['condition']}")
        x = presence.xml.find(f'{{{MUC_USER}}}x')
        if x is None:
            return
        codes = [int(s.get('code')) for s in x.findall(f'{{{MUC_USER}}}status')]
        item = x.find(f'{{{MUC_USER}}}item')
        role = item.get('role') if item is not None else None
        out(event='presence', nick=sender.resource, type=presence['type'] or 'available', role=role, codes=codes)
        if 110 in codes and not self.joined and presence['type'] != 'unavailable':
            if 201 in codes:
                await self.configure()
            self.joined = True
            out(event='joined', codes=codes)

    def on_message(self, message):
        if message['type'] == 'error':
            return
        if message['type'] != 'groupchat':
            return self.on_other(message)
        if message['from'].bare != self.room:
            return
        subject = message.xml.find('{jabber:client}subject')
        if subject is not None and not message['body']:
            return out(event='subject', nick=message['from'].resource, subject=subject.text or '')
        self.on_moderation(message)
        if not message['body']:
            return
        origin = message.xml.find(f'{{{SID}}}origin-id')
        stanza_id = next((s.get('id') for s in message.xml.findall(f'{{{SID}}}stanza-id') if s.get('by') == self.room), None)
        out(
            event='message',
            nick=message['from'].resource,
            body=message['body'],
            id=message['id'],
            originId=origin.get('id') if origin is not None else None,
            stanzaId=stanza_id,
        )

    def on_moderation(self, message):
        retract = message.xml.find(f'{{{RETRACT_1}}}retract')
        moderated = retract.find(f'{{{MODERATE_1}}}moderated') if retract is not None else None
        if moderated is not None:
            return out(event='moderated', id=retract.get('id'), by=moderated.get('by'))
        apply_to = message.xml.find(f'{{{FASTEN}}}apply-to')
        moderated = apply_to.find(f'{{{MODERATE_0}}}moderated') if apply_to is not None else None
        if moderated is not None:
            out(event='moderated', id=apply_to.get('id'), by=moderated.get('by'))

    def on_other(self, message):
        direct = message.xml.find(f'{{{CONFERENCE}}}x')
        if direct is not None:
            return out(event='invitation', kind='direct', room=direct.get('jid'), **{'from': message['from'].bare}, reason=direct.get('reason'))
        x = message.xml.find(f'{{{MUC_USER}}}x')
        invite = x.find(f'{{{MUC_USER}}}invite') if x is not None else None
        if invite is not None:
            reason = invite.find(f'{{{MUC_USER}}}reason')
            inviter = invite.get('from', '').split('/')[0]
            return out(event='invitation', kind='mediated', room=message['from'].bare, **{'from': inviter}, reason=reason.text if reason is not None else None)
        if message['from'].bare == self.room and message['body']:
            out(event='private', **{'from': message['from'].resource}, body=message['body'])

    async def read_archive(self):
        messages = []
        try:
            async for result in self['xep_0313'].iterate(jid=JID(self.room), rsm={'max': 250}):
                forwarded = result['mam_result']['forwarded']['stanza']
                origin = forwarded.xml.find(f'{{{SID}}}origin-id')
                body = forwarded.xml.find('{jabber:client}body')
                messages.append(
                    {
                        'archiveId': result['mam_result']['id'],
                        'nick': forwarded['from'].resource,
                        'body': body.text if body is not None else None,
                        'originId': origin.get('id') if origin is not None else None,
                    }
                )
        except Exception as error:  # reported to the test, which fails with it
            return out(event='archive', error=f'archive query failed: {error!r}')
        out(event='archive', messages=messages)

    def command(self, line):
        order = json.loads(line)
        if 'say' in order:
            self.make_message(mto=self.room, mbody=order['say'], mtype='groupchat').send()
            out(event='said', body=order['say'])
        if 'invite' in order:
            invitation = self.make_message(mto=order['invite'])
            x = ET.fromstring(f"<x xmlns='{CONFERENCE}'/>")
            x.set('jid', self.room)
            if order.get('reason'):
                x.set('reason', order['reason'])
            invitation.append(x)
            invitation.send()
            out(event='invited', jid=order['invite'])
        if 'private' in order:
            private = self.make_message(mto=f"{self.room}/{order['private']}", mbody=order['body'], mtype='chat')
            private.append(ET.fromstring(f"<x xmlns='{MUC_USER}'/>"))
            private.send()
            out(event='sent-private', to=order['private'], body=order['body'])
        if order.get('archive'):
            asyncio.ensure_future(self.read_archive())
        if order.get('quit'):
            self.make_presence(pto=f'{self.room}/{self.nick}', ptype='unavailable').send()
            self.stop()


def main():
    flags = [arg for arg in sys.argv[1:] if arg.startswith('--')]
    jid, password, host, port, room, nick, *rest = [arg for arg in sys.argv[1:] if not arg.startswith('--')]
    peer = Peer(jid, password, room, nick, rest[0] if rest else None, '--persistent' in flags, (host, int(port)))
    peer.start()
    loop = asyncio.get_event_loop()

    pending = b''

    # Read the descriptor itself: orders written together arrive in one chunk, and a buffered
    # readline() would leave all but the first in its buffer, where the loop never looks.
    def read():
        nonlocal pending
        chunk = os.read(sys.stdin.fileno(), 65536)
        if not chunk:
            loop.remove_reader(sys.stdin.fileno())
            peer.stop()
            return
        *lines, pending = (pending + chunk).split(b'\n')
        for line in lines:
            if line.strip():
                peer.command(line.decode())

    loop.add_reader(sys.stdin.fileno(), read)
    try:
        loop.run_until_complete(asyncio.wait_for(peer.stopped, timeout=120))
    except asyncio.TimeoutError:
        out(event='error', why='stopped after two minutes')
        peer.stop()
    if peer.transport:  # lets the goodbye to the room go out
        loop.run_until_complete(asyncio.wait([peer.disconnected], timeout=5))
    out(event='stopped')


if __name__ == '__main__':
    main()
