"""What omemo-peer.py keeps of a device: python-omemo's keys and sessions in a JSON file, and how keys are shown."""
import base64
import json
import os

import omemo


class JsonFileStorage(omemo.Storage):
    """Every key in one JSON file, written through on each change, so a restarted peer is the same device."""

    def __init__(self, path: str):
        super().__init__()
        self.path = path
        self.data = {}
        if os.path.exists(path):
            with open(path, encoding='utf-8') as file:
                self.data = json.load(file)

    def write(self):
        temporary = f'{self.path}.tmp'
        with open(temporary, 'w', encoding='utf-8') as file:
            json.dump(self.data, file)
        os.replace(temporary, self.path)

    async def _load(self, key):
        return omemo.Just(self.data[key]) if key in self.data else omemo.Nothing()

    async def _store(self, key, value):
        self.data[key] = value
        self.write()

    async def _delete(self, key):
        if key in self.data:
            del self.data[key]
            self.write()


def fingerprint(identity_key: bytes) -> str:
    """The identity key as clients show it: the Curve25519 form in hex, in groups of eight."""
    return ' '.join(omemo.SessionManager.format_identity_key(identity_key))


def encode(key: bytes) -> str:
    return base64.b64encode(key).decode('ascii')
