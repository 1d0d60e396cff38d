"""One OMEMO device run by python-omemo's backends (python3-oldmemo for 0.3, python3-twomemo for
OMEMO 2), its whole state in one JSON-able dict so a caller can keep it between runs. Used by
omemo-vectors.py to make fixtures and to check what src/omemo sends."""
import base64
import xml.etree.ElementTree as ET

import oldmemo
import oldmemo.etree
import oldmemo.oldmemo as om
import twomemo
import twomemo.etree
import twomemo.twomemo as tm
from omemo.session import Initiation
from omemo.storage import Just, Nothing, Storage

VERSIONS = {"0.3": (oldmemo.Oldmemo, om, oldmemo.etree), "2": (twomemo.Twomemo, tm, twomemo.etree)}
XML_NAMES = {
    "0.3": {"spk": "signedPreKeyPublic", "spk_id": "signedPreKeyId", "spks": "signedPreKeySignature", "ik": "identityKey", "pk": "preKeyPublic", "pk_id": "preKeyId"},
    "2": {"spk": "spk", "spk_id": "id", "spks": "spks", "ik": "ik", "pk": "pk", "pk_id": "id"},
}


def b64(data):
    return base64.b64encode(data).decode()


def unb64(text):
    return base64.b64decode(text)


class DictStorage(Storage):
    def __init__(self, data=None):
        super().__init__(disable_cache=True)
        self.data = dict(data or {})

    async def _load(self, key):
        return Just(self.data[key]) if key in self.data else Nothing()

    async def _store(self, key, value):
        self.data[key] = value

    async def _delete(self, key):
        self.data.pop(key, None)


class Device:
    """Our peer: `version` is "0.3" or "2"; `state` a dict from an earlier Device.state or None."""

    def __init__(self, version, state=None):
        self.version = version
        backend_class, self.module, self.etree = VERSIONS[version]
        self.storage = DictStorage(state)
        self.backend = backend_class(self.storage)

    @property
    def state(self):
        return self.storage.data

    async def wire_bundle(self, pre_keys=5):
        """The bundle as python-omemo publishes it (its etree serializer), as JSON of base64 fields."""
        if await self.backend.get_num_visible_pre_keys() == 0:
            await self.backend.generate_pre_keys(pre_keys)
        element = self.etree.serialize_bundle(await self.backend.get_bundle("python@omemo.test", 1))
        names = XML_NAMES[self.version]
        find = lambda name: element.find(f"{self.etree.NS}{name}")
        spk = find(names["spk"])
        return {
            "identityKey": find(names["ik"]).text,
            "signedPreKeyId": int(spk.get(names["spk_id"])),
            "signedPreKey": spk.text,
            "signedPreKeySignature": find(names["spks"]).text,
            "preKeys": [{"id": int(pk.get(names["pk_id"])), "publicKey": pk.text} for pk in element.iter(f"{self.etree.NS}{names['pk']}")],
        }

    def parse_bundle(self, jid, device_id, wire):
        """A bundle from its JSON form, read by python-omemo's etree parser as if it came over XMPP."""
        names = XML_NAMES[self.version]
        ns = self.etree.NS
        element = ET.Element(f"{ns}bundle")
        ET.SubElement(element, f"{ns}{names['spk']}", {names["spk_id"]: str(wire["signedPreKeyId"])}).text = wire["signedPreKey"]
        ET.SubElement(element, f"{ns}{names['spks']}").text = wire["signedPreKeySignature"]
        ET.SubElement(element, f"{ns}{names['ik']}").text = wire["identityKey"]
        prekeys = ET.SubElement(element, f"{ns}prekeys")
        for pk in wire["preKeys"]:
            ET.SubElement(prekeys, f"{ns}{names['pk']}", {names["pk_id"]: str(pk["id"])}).text = pk["publicKey"]
        return self.etree.parse_bundle(element, jid, device_id)

    async def encrypt(self, jid, device_id, plaintext, bundle=None):
        """Encrypts to a device, starting a session from its wire bundle if there is none."""
        backend = self.backend
        session = await backend.load_session(jid, device_id)
        content, key_material = await backend.encrypt_plaintext(plaintext.encode())
        if session is None:
            session, encrypted = await backend.build_session_active(jid, device_id, self.parse_bundle(jid, device_id, bundle), key_material)
        else:
            encrypted = await backend.encrypt_key_material(session, key_material)
        await backend.store_session(session)
        message = encrypted.serialize()
        kex = session.initiation is Initiation.ACTIVE and not session.confirmed
        if kex:
            message = session.key_exchange.serialize(message)
            if self.version == "0.3":
                message = message[0]
        out = {"message": b64(message), "kex": kex, "ciphertext": b64(content.ciphertext)}
        if self.version == "0.3":
            out["iv"] = b64(content.initialization_vector)
        return out

    async def decrypt(self, jid, device_id, sent):
        """Decrypts what `encrypt` (ours or src/omemo's) produced; returns the plaintext."""
        backend, module = self.backend, self.module
        message = unb64(sent["message"])
        session = await backend.load_session(jid, device_id)
        if sent["kex"]:
            # Our identity keys have sign bit 0, so the Edwards form of a 0.3 key is found without it.
            exchange, authenticated = module.KeyExchangeImpl.parse(message, False) if self.version == "0.3" else module.KeyExchangeImpl.parse(message)
            encrypted = module.EncryptedKeyMaterialImpl.parse(authenticated, jid, device_id)
            if session is not None and session.key_exchange.builds_same_session(exchange):
                key_material = await backend.decrypt_key_material(session, encrypted)
            else:
                session, key_material = await backend.build_session_passive(jid, device_id, exchange, encrypted)
        else:
            encrypted = module.EncryptedKeyMaterialImpl.parse(message, jid, device_id)
            key_material = await backend.decrypt_key_material(session, encrypted)
        await backend.store_session(session)
        ciphertext = unb64(sent["ciphertext"])
        content = module.ContentImpl(ciphertext, unb64(sent["iv"])) if self.version == "0.3" else module.ContentImpl(ciphertext)
        return (await backend.decrypt_plaintext(content, key_material)).decode()
