"""OMEMO message stanzas for omemo-peer.py: encrypting a body for a bare JID, and opening what arrives.

OMEMO 0.3 encrypts the body text itself; OMEMO 2 encrypts a XEP-0420 envelope (the body in <content>,
with <rpad>, <time>, <to> and <from> affixes), and the receiver checks that the envelope's <from> is
the stanza's sender. Both carry a fallback body for clients without OMEMO, a XEP-0380 <encryption/>
per version and a store hint, as Conversations and Dino send them.
"""
import secrets
from datetime import datetime, timezone
from xml.sax.saxutils import escape, quoteattr

import oldmemo.etree
import omemo
import twomemo.etree
from slixmpp.xmlstream import ET

from omemo_session import NEW, OLD, VERSION_OF, hint_store

FALLBACK = 'I sent you an OMEMO encrypted message but your client doesn’t seem to support that.'
SCE = 'urn:xmpp:sce:1'
EME = 'urn:xmpp:eme:0'
SID = 'urn:xmpp:sid:0'
EME_NAMES = {OLD: 'OMEMO', NEW: 'OMEMO 2'}


def envelope(body: str, sender: str, recipient: str) -> bytes:
    stamp = datetime.now(timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')
    padding = secrets.token_urlsafe(secrets.randbelow(32) + 1)
    return (
        f"<envelope xmlns='{SCE}'><content><body xmlns='jabber:client'>{escape(body)}</body></content>"
        f'<rpad>{padding}</rpad><time stamp={quoteattr(stamp)}/><to jid={quoteattr(recipient)}/>'
        f'<from jid={quoteattr(sender)}/></envelope>'
    ).encode()


def priority(version: str, loaded):
    """Which versions a message may use: one, or (`both`) each device's newest one that this peer speaks."""
    if version == 'both':
        return [ns for ns in (NEW, OLD) if ns in loaded]
    wanted = {'0.3': OLD, '2': NEW}.get(version)
    if wanted not in loaded:
        raise ValueError(f'version {version!r} is not enabled on this peer')
    return [wanted]


async def encrypt(manager, client, to: str, body: str, version: str, loaded):
    """A chat message to `to` with `body` encrypted for its devices and this account's other devices.

    Returns the stanza, the versions it carries and the library's non-critical errors (devices left out)."""
    own = client.boundjid.bare
    plaintext = {OLD: body.encode(), NEW: envelope(body, own, to)}
    messages, errors = await manager.encrypt(
        frozenset([to]), {ns: plaintext[ns] for ns in loaded}, backend_priority_order=priority(version, loaded)
    )
    stanza = client.make_message(mto=to, mtype='chat', mbody=FALLBACK)
    stanza['id'] = secrets.token_hex(8)
    namespaces = sorted(message.namespace for message in messages)
    for message in messages:
        serialize = twomemo.etree.serialize_message if message.namespace == NEW else oldmemo.etree.serialize_message
        stanza.append(serialize(message))
    for namespace in namespaces:
        stanza.append(ET.Element(f'{{{EME}}}encryption', {'namespace': namespace, 'name': EME_NAMES[namespace]}))
    stanza.append(ET.Element(f'{{{SID}}}origin-id', {'id': stanza['id']}))
    stanza.append(hint_store())
    reasons = [f'{error.bare_jid}/{error.device_id} ({VERSION_OF.get(error.namespace, error.namespace)}): {error.exception!r}' for error in errors]
    return stanza, [VERSION_OF[ns] for ns in namespaces], reasons


def keys_only(xml, loaded) -> bool:
    """A message of keys only (completing a key exchange, a heartbeat): no payload in any element."""
    return all(element.find(f'{{{ns}}}payload') is None for ns, element in encrypted_elements(xml, loaded))


def encrypted_elements(xml, loaded):
    """The <encrypted/> elements of the versions this peer speaks, OMEMO 2 first."""
    found = [(ns, xml.find(f'{{{ns}}}encrypted')) for ns in (NEW, OLD) if ns in loaded]
    return [(ns, element) for ns, element in found if element is not None]


async def decrypt(manager, own: str, sender: str, xml, loaded):
    """What the message says: {version, deviceId, body, envelopeFrom}; body None for a message of keys only.

    Raises what python-omemo raises; omemo.MessageNotForUs when no element holds a key for this device."""
    not_for_us = None
    for namespace, element in encrypted_elements(xml, loaded):
        if namespace == NEW:
            message = twomemo.etree.parse_message(element, sender)
        else:
            message = await oldmemo.etree.parse_message(element, sender, own, manager)
        try:
            plaintext, device, _ = await manager.decrypt(message)
        except omemo.MessageNotForUs as error:
            not_for_us = error
            continue
        opened = {'version': VERSION_OF[namespace], 'deviceId': device.device_id, 'body': None, 'envelopeFrom': None}
        if plaintext is None:
            return opened
        if namespace == OLD:
            return {**opened, 'body': plaintext.decode()}
        sealed = ET.fromstring(plaintext.decode())
        body = sealed.find(f'{{{SCE}}}content/{{jabber:client}}body')
        sent_by = sealed.find(f'{{{SCE}}}from')
        return {**opened, 'body': body.text if body is not None else None, 'envelopeFrom': sent_by.get('jid') if sent_by is not None else None}
    raise not_for_us or omemo.MessageNotForUs('no OMEMO element of an enabled version')
