"""omemo-peer.py's archive read: this account's archive (XEP-0313), each OMEMO message opened once."""
import omemo
from slixmpp import JID

import omemo_messages


async def read_archive(peer, with_jid=None):
    """Every message of the archive, oldest first, as {archiveId, from, to, id, body, encrypted, version,
    deviceId, fallbackBody, known, keysOnly, error}: `body` is the decrypted text (or the plain body),
    `fallbackBody` the body the server holds, `known` that the message had been opened before (its keys
    are spent), `keysOnly` a message of keys without text (a key exchange completed, or another device's)."""
    messages = []
    query = {'with_jid': JID(with_jid)} if with_jid else {}
    async for result in peer['xep_0313'].iterate(rsm={'max': 100}, **query):
        xml = result['mam_result']['forwarded']['stanza'].xml
        messages.append(await read_one(peer, result['mam_result']['id'], xml))
    return messages


async def read_one(peer, archive_id, xml):
    from omemo_client import stanza_key

    sender = JID(xml.get('from', '')).bare
    stanza_id = stanza_key(xml)
    body = xml.find('{jabber:client}body')
    entry = {
        'archiveId': archive_id,
        'from': sender,
        'to': JID(xml.get('to', '')).bare,
        'id': stanza_id,
        'fallbackBody': body.text if body is not None else None,
        'encrypted': bool(omemo_messages.encrypted_elements(xml, peer.namespaces)),
        'body': None,
        'version': None,
        'deviceId': None,
        'known': False,
        'error': None,
        'keysOnly': False,
    }
    if not entry['encrypted']:
        return {**entry, 'body': entry['fallbackBody']}
    known = peer.opened.get(f'{sender}|{stanza_id}')
    if known is not None:
        return {**entry, 'body': known['body'], 'version': known['version'], 'deviceId': known['deviceId'], 'known': True, 'keysOnly': known['body'] is None}
    try:
        async with peer.lock:
            opened = await omemo_messages.decrypt(peer.manager, peer.boundjid.bare, sender, xml, peer.namespaces)
    except omemo.MessageNotForUs as error:
        # Another device's key exchange: kept in the account's archive, with nothing for this device.
        return {**entry, 'keysOnly': True} if omemo_messages.keys_only(xml, peer.namespaces) else {**entry, 'error': repr(error)}
    except Exception as error:  # one message that cannot be opened is reported, and the rest goes on
        return {**entry, 'error': repr(error)}
    peer.remember(sender, stanza_id, opened)
    return {**entry, 'keysOnly': opened['body'] is None, 'body': opened['body'], 'version': opened['version'], 'deviceId': opened['deviceId']}
