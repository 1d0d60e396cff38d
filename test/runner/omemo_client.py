"""The slixmpp client of omemo-peer.py: connection, orders, and what arrives (live, carbons, the archive)."""
import asyncio
import json
import logging
import os

import oldmemo
import omemo
import twomemo
from slixmpp import JID, ClientXMPP
from slixmpp.xmlstream.handler import Callback
from slixmpp.xmlstream.matcher import MatchXPath

import omemo_devices
import omemo_messages
from omemo_session import NAMESPACE_OF, VERSION_OF, PeerSessionManager
from omemo_store import JsonFileStorage, fingerprint

logging.basicConfig(level=logging.ERROR)
CARBONS = 'urn:xmpp:carbons:2'
MAM = 'urn:xmpp:mam:2'
DELAY = 'urn:xmpp:delay'


def out(**event):
    print(json.dumps(event), flush=True)


class OmemoPeer(ClientXMPP):
    def __init__(self, jid, password, address, state, versions, offline):
        super().__init__(jid, password)
        self.address, self.state, self.offline = address, state, offline
        self.namespaces = [NAMESPACE_OF[v] for v in versions]
        self.manager = None
        self.lock = asyncio.Lock()  # one ratchet step at a time: sessions are read, advanced and stored
        self.quitting = False
        self.stopped = asyncio.get_event_loop().create_future()
        self.opened_path = os.path.join(state, 'messages.json')
        self.opened = json.load(open(self.opened_path, encoding='utf-8')) if os.path.exists(self.opened_path) else {}
        for plugin in ('xep_0030', 'xep_0004', 'xep_0059', 'xep_0060', 'xep_0280', 'xep_0313'):
            self.register_plugin(plugin)
        self.add_event_handler('session_start', self.on_start)
        self.add_event_handler('failed_auth', lambda _: self.fail('authentication failed'))
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
        if not self.quitting:
            out(event='disconnected')
            asyncio.get_event_loop().call_later(1, self.start)

    def on_connection_failed(self, _error):
        # slixmpp backs off up to minutes between attempts; a restarting test server is back in seconds.
        self.cancel_connection_attempt()
        if not self.quitting:
            asyncio.get_event_loop().call_later(1, self.start)

    async def on_start(self, _event):
        try:
            await self['xep_0280'].enable()
            if self.manager is None:
                await self.prepare()
            elif not self.offline:
                self.send_presence()
        except Exception as error:  # reported to the test, which fails with it
            self.fail(f'could not start: {error!r}')

    async def prepare(self):
        PeerSessionManager.client = self
        backends = [oldmemo.Oldmemo if ns == oldmemo.oldmemo.NAMESPACE else twomemo.Twomemo for ns in self.namespaces]
        storage = JsonFileStorage(os.path.join(self.state, 'omemo.json'))
        async with self.lock:
            self.manager = await PeerSessionManager.create(
                [backend(storage) for backend in backends], storage, self.boundjid.bare, None, 'undecided'
            )
            await self.manager.ensure_data_consistency()
            if not self.offline:
                await self.manager.after_history_sync()
        if not self.offline:
            self.send_presence()
        device, _ = await self.manager.get_own_device_information()
        out(event='ready', deviceId=device.device_id, fingerprint=fingerprint(device.identity_key), versions=[VERSION_OF[ns] for ns in self.namespaces])

    def remember(self, sender, stanza_id, opened):
        self.opened[f'{sender}|{stanza_id}'] = opened
        with open(self.opened_path, 'w', encoding='utf-8') as file:
            json.dump(self.opened, file)

    async def refresh(self, *jids):
        for jid in jids:
            for namespace in self.namespaces:
                await self.manager.refresh_device_list(namespace, jid)

    def on_message(self, message):
        if message['type'] == 'error' or message.xml.find(f'{{{MAM}}}result') is not None or self.manager is None:
            return
        carbon, xml = None, message.xml
        for direction in ('received', 'sent'):
            wrapped = xml.find(f'{{{CARBONS}}}{direction}/{{urn:xmpp:forward:0}}forwarded/{{jabber:client}}message')
            if wrapped is not None:
                if message['from'].bare != self.boundjid.bare:
                    return  # a forged carbon
                carbon, xml = direction, wrapped
        asyncio.ensure_future(self.on_chat(xml, carbon))

    async def on_chat(self, xml, carbon):
        sender = JID(xml.get('from', self.boundjid.bare)).bare
        stanza_id = stanza_key(xml)
        body = xml.find('{jabber:client}body')
        delayed = xml.find(f'{{{DELAY}}}delay') is not None
        replace = xml.find('{urn:xmpp:message-correct:0}replace')
        replaces = replace.get('id') if replace is not None else None
        if not omemo_messages.encrypted_elements(xml, self.namespaces):
            if body is not None:
                out(event='message', encrypted=False, body=body.text, version=None, deviceId=None, carbon=carbon, delayed=delayed, replaces=replaces, **{'from': sender, 'id': stanza_id})
            return
        if f'{sender}|{stanza_id}' in self.opened:
            return out(event='duplicate', id=stanza_id, **{'from': sender})
        try:
            async with self.lock:
                opened = await omemo_messages.decrypt(self.manager, self.boundjid.bare, sender, xml, self.namespaces)
        except omemo.MessageNotForUs as error:
            # Another device's key exchange (its carbon reaches every device of the account) is no failure.
            if omemo_messages.keys_only(xml, self.namespaces):
                return out(event='keys', version=None, deviceId=None, forUs=False, **{'from': sender})
            return out(event='undecryptable', id=stanza_id, why=repr(error), **{'from': sender})
        except Exception as error:  # a message that cannot be opened is reported, and the rest goes on
            return out(event='undecryptable', id=stanza_id, why=repr(error), **{'from': sender})
        self.remember(sender, stanza_id, opened)
        if opened['body'] is None:
            return out(event='keys', version=opened['version'], deviceId=opened['deviceId'], forUs=True, **{'from': sender})
        out(event='message', encrypted=True, carbon=carbon, delayed=delayed, replaces=replaces, **opened, **{'from': sender, 'id': stanza_id})

    async def send_encrypted(self, to, body, version):
        try:
            async with self.lock:
                await self.refresh(to, self.boundjid.bare)
                stanza, versions, errors = await omemo_messages.encrypt(self.manager, self, to, body, version, self.namespaces)
        except Exception as error:  # reported to the test, which fails with it
            return out(event='send-failed', to=to, body=body, why=repr(error))
        stanza.send()
        self.remember(self.boundjid.bare, stanza['id'], {'body': body, 'version': '+'.join(versions), 'deviceId': None})
        out(event='sent', id=stanza['id'], to=to, body=body, versions=versions, errors=errors)

    async def read_archive(self, with_jid):
        from omemo_archive import read_archive

        try:
            messages = await read_archive(self, with_jid)
        except Exception as error:  # reported to the test, which fails with it
            return out(event='archive', error=f'archive query failed: {error!r}')
        if self.offline:
            self.offline = False
            async with self.lock:
                await self.manager.after_history_sync()
            self.send_presence()
        out(event='archive', messages=messages)

    async def answer(self, question):
        try:
            out(**await question)
        except Exception as error:  # reported to the test, which fails with it
            out(event='error', why=repr(error))

    def order(self, order):
        if 'send' in order:
            asyncio.ensure_future(self.send_encrypted(order['to'], order['send'], order.get('version', 'both')))
        if 'plain' in order:
            stanza = self.make_message(mto=order['to'], mbody=order['plain'], mtype='chat')
            stanza.send()
            out(event='sent', id=stanza['id'], to=order['to'], body=order['plain'], versions=[], errors=[])
        if order.get('archive'):
            asyncio.ensure_future(self.read_archive(order.get('with')))
        if 'devices' in order:
            asyncio.ensure_future(self.answer(omemo_devices.report(self, order['devices'])))
        if 'trust' in order:
            asyncio.ensure_future(self.answer(omemo_devices.trust(self, order['trust'], order['deviceId'], order['level'])))
        if order.get('quit'):
            self.stop()


def stanza_key(xml):
    """What a message is known by: its origin-id (XEP-0359), which a server keeps, else its id."""
    origin = xml.find('{urn:xmpp:sid:0}origin-id')
    return origin.get('id') if origin is not None else xml.get('id')
