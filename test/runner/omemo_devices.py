"""omemo-peer.py's answers about devices: an account's devices as this peer knows them, and trust in one."""
from omemo_session import VERSION_OF
from omemo_store import encode, fingerprint


async def report(peer, jid):
    """The `devices` event for `jid` (fetched anew), or for this peer's own account when `jid` is True."""
    async with peer.lock:
        own, others = await peer.manager.get_own_device_information()
        if jid is True:
            found = [own, *others]
        else:
            await peer.refresh(jid)
            found = await peer.manager.get_device_information(jid)
    listed = [
        {
            'deviceId': d.device_id,
            'versions': sorted(VERSION_OF[ns] for ns, active in d.active if active),
            'fingerprint': fingerprint(d.identity_key),
            'identityKey': encode(d.identity_key),
            'trust': d.trust_level_name,
            'own': d.bare_jid == own.bare_jid and d.device_id == own.device_id,
        }
        for d in found
    ]
    return {'event': 'devices', 'jid': own.bare_jid if jid is True else jid, 'devices': sorted(listed, key=lambda d: d['deviceId'])}


async def trust(peer, jid, device_id, level):
    """Sets the trust in one device of `jid`: verified, blind or distrusted."""
    found = next((d for d in await peer.manager.get_device_information(jid) if d.device_id == device_id), None)
    if found is None:
        return {'event': 'error', 'why': f'no device {device_id} of {jid}'}
    await peer.manager.set_trust(jid, found.identity_key, level)
    return {'event': 'trusted', 'jid': jid, 'deviceId': device_id, 'trust': level}
