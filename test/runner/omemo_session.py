"""python-omemo's SessionManager on slixmpp, for omemo-peer.py: both OMEMO versions, PEP, a JSON file.

OMEMO 0.3 (eu.siacs.conversations.axolotl) keeps its device list at `….devicelist` and one bundle node per
device (`….bundles:<id>`); OMEMO 2 (urn:xmpp:omemo:2) its list at `urn:xmpp:omemo:2:devices` and every
bundle of the account as an item (the device id) of `urn:xmpp:omemo:2:bundles`. Every node is published
with the open access model: a peer that is not in the roster must read the list and the bundles.
Trust is blind trust before verification (BTBV): a new device of an account none of whose devices was
verified is trusted blindly; once one is verified, new ones stay undecided (and are left out).
"""
from typing import Dict, FrozenSet, Optional

import oldmemo
import oldmemo.etree
import omemo
import twomemo
import twomemo.etree
from slixmpp import JID
from slixmpp.exceptions import IqError
from slixmpp.plugins.xep_0004 import Form
from slixmpp.xmlstream import ET

OLD = oldmemo.oldmemo.NAMESPACE
NEW = twomemo.twomemo.NAMESPACE
VERSION_OF = {OLD: '0.3', NEW: '2'}
NAMESPACE_OF = {'0.3': OLD, '2': NEW}
DEVICE_LIST_NODE = {OLD: f'{OLD}.devicelist', NEW: f'{NEW}:devices'}
PUBSUB_ERRORS = 'http://jabber.org/protocol/pubsub#errors'


def options_form(form_type: str, fields: Dict[str, str]) -> Form:
    form = Form()
    form['type'] = 'submit'
    form.add_field(var='FORM_TYPE', ftype='hidden', value=form_type)
    for var, value in fields.items():
        form.add_field(var=var, value=value)
    return form


class PeerSessionManager(omemo.SessionManager):
    """The library's abstract XMPP side, on the slixmpp client set as `client` before `create()`."""

    client = None  # one peer per process; create() makes the instance itself, without arguments

    @classmethod
    def pubsub(cls):
        return cls.client['xep_0060']

    @classmethod
    async def publish(cls, node: str, item_id: str, item, max_items: str):
        """Publishes with publish-options (again without pubsub#max_items where the server does not know
        that field, as ejabberd 23.01); a node made before with other options is reconfigured first."""
        options = {'pubsub#access_model': 'open', 'pubsub#persist_items': 'true', 'pubsub#max_items': max_items}
        try:
            await cls.publish_with(node, item_id, item, options)
        except IqError as error:
            if 'pubsub#max_items' not in (error.text or ''):
                raise
            del options['pubsub#max_items']
            await cls.publish_with(node, item_id, item, options)
            if max_items != '1':
                await cls.allow_items(node, max_items)

    @classmethod
    async def allow_items(cls, node: str, max_items: str):
        """Sets the node's max_items where publish-options could not: OMEMO 2 keeps every device's bundle as
        an item of one node, and ejabberd's default of one item would leave only the newest device's."""
        own = JID(cls.client.boundjid.bare)
        for value in (max_items, '1000'):
            form = options_form('http://jabber.org/protocol/pubsub#node_config', {'pubsub#max_items': value})
            try:
                return await cls.pubsub().set_node_config(own, node, form, timeout=10)
            except IqError as error:
                failure = error
        raise failure

    @classmethod
    async def publish_with(cls, node: str, item_id: str, item, options: Dict[str, str]):
        own = JID(cls.client.boundjid.bare)
        publish_options = options_form('http://jabber.org/protocol/pubsub#publish-options', options)
        try:
            await cls.pubsub().publish(own, node, item_id, item, publish_options, timeout=10)
        except IqError as error:
            if error.iq['error'].xml.find(f'{{{PUBSUB_ERRORS}}}precondition-not-met') is None:
                raise
            await cls.pubsub().set_node_config(own, node, options_form('http://jabber.org/protocol/pubsub#node_config', options), timeout=10)
            await cls.pubsub().publish(own, node, item_id, item, publish_options, timeout=10)

    @classmethod
    async def first_item(cls, bare_jid: str, node: str, **query):
        """The payload of the node's one item, or None when the node or the item does not exist."""
        try:
            answer = await cls.pubsub().get_items(JID(bare_jid), node, timeout=10, **query)
        except IqError as error:
            if error.condition == 'item-not-found':
                return None
            raise
        items = list(answer['pubsub']['items'])
        return next(iter(items[0].xml), None) if items else None

    async def _upload_bundle(self, bundle):
        try:
            if bundle.namespace == NEW:
                await self.publish(f'{NEW}:bundles', str(bundle.device_id), twomemo.etree.serialize_bundle(bundle), 'max')
            else:
                await self.publish(f'{OLD}.bundles:{bundle.device_id}', 'current', oldmemo.etree.serialize_bundle(bundle), '1')
        except Exception as error:
            raise omemo.BundleUploadFailed(f'publishing the {VERSION_OF[bundle.namespace]} bundle failed: {error!r}') from error

    async def _download_bundle(self, namespace, bare_jid, device_id):
        try:
            if namespace == NEW:
                element = await self.first_item(bare_jid, f'{NEW}:bundles', item_ids=[str(device_id)])
            else:
                element = await self.first_item(bare_jid, f'{OLD}.bundles:{device_id}', max_items=1)
        except Exception as error:
            raise omemo.BundleDownloadFailed(f'bundle of {bare_jid}/{device_id}: {error!r}') from error
        if element is None:
            raise omemo.BundleNotFound(f'no {VERSION_OF[namespace]} bundle for {bare_jid}/{device_id}')
        parse = twomemo.etree.parse_bundle if namespace == NEW else oldmemo.etree.parse_bundle
        return parse(element, bare_jid, device_id)

    async def _delete_bundle(self, namespace, device_id):
        own = JID(self.client.boundjid.bare)
        try:
            if namespace == NEW:
                await self.pubsub().retract(own, f'{NEW}:bundles', str(device_id), timeout=10)
            else:
                await self.pubsub().delete_node(own, f'{OLD}.bundles:{device_id}', timeout=10)
        except IqError as error:
            if error.condition != 'item-not-found':
                raise omemo.BundleDeletionFailed(f'deleting bundle {device_id}: {error!r}') from error

    async def _upload_device_list(self, namespace, device_list):
        serialize = twomemo.etree.serialize_device_list if namespace == NEW else oldmemo.etree.serialize_device_list
        try:
            await self.publish(DEVICE_LIST_NODE[namespace], 'current', serialize(device_list), '1')
        except Exception as error:
            raise omemo.DeviceListUploadFailed(f'publishing the {VERSION_OF[namespace]} device list: {error!r}') from error

    async def _download_device_list(self, namespace, bare_jid):
        try:
            element = await self.first_item(bare_jid, DEVICE_LIST_NODE[namespace])
        except Exception as error:
            raise omemo.DeviceListDownloadFailed(f'device list of {bare_jid}: {error!r}') from error
        if element is None:
            return {}
        parse = twomemo.etree.parse_device_list if namespace == NEW else oldmemo.etree.parse_device_list
        return parse(element)

    async def _evaluate_custom_trust_level(self, device):
        levels = {'verified': omemo.TrustLevel.TRUSTED, 'blind': omemo.TrustLevel.TRUSTED, 'distrusted': omemo.TrustLevel.DISTRUSTED}
        if device.trust_level_name == 'undecided':
            return omemo.TrustLevel.UNDECIDED
        if device.trust_level_name not in levels:
            raise omemo.UnknownTrustLevel(device.trust_level_name)
        return levels[device.trust_level_name]

    async def _make_trust_decision(self, undecided: FrozenSet[omemo.DeviceInformation], identifier: Optional[str]):
        for device in undecided:
            known = await self.get_device_information(device.bare_jid)
            if not any(other.trust_level_name == 'verified' for other in known):
                await self.set_trust(device.bare_jid, device.identity_key, 'blind')

    async def _send_message(self, message, bare_jid):
        """The library's own messages (completing a key exchange, healing a session): keys, no payload."""
        stanza = self.client.make_message(mto=bare_jid, mtype='chat')
        serialize = twomemo.etree.serialize_message if message.namespace == NEW else oldmemo.etree.serialize_message
        stanza.append(serialize(message))
        stanza.append(hint_store())
        stanza.send()


def hint_store():
    """XEP-0334's store hint: a server archives the message although its body is only a fallback."""
    return ET.Element('{urn:xmpp:hints}store')
