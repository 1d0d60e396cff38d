#!/usr/bin/python3
"""Fixtures for src/omemo made by the python-omemo stack (python3-xeddsa, -x3dh, -doubleratchet,
-oldmemo, -twomemo), so our OMEMO code is checked against an independent implementation.

  omemo-vectors.py xeddsa   > src/omemo/xeddsa.fixtures.ts
  omemo-vectors.py sessions > src/omemo/sessions.fixtures.ts
  omemo-vectors.py peer     < steps.json   (what test/runner/commands.js's omemo-python runs)

Run `npx prettier --write` on a fixture file after making it.
"""
import asyncio
import base64
import json
import secrets
import sys
import traceback

import xeddsa

from omemo_python import Device, b64

OUR_JID, OUR_DEVICE = "ts@omemo.test", 2


def xeddsa_cases():
    cases = []
    # Two seeds of each sign: the Edwards public key's sign bit decides how XEdDSA must treat them.
    wanted = {0: 2, 1: 2}
    while any(wanted.values()):
        seed = secrets.token_bytes(32)
        ed_pub = xeddsa.seed_to_ed25519_pub(seed)
        sign = ed_pub[31] >> 7
        if not wanted[sign]:
            continue
        wanted[sign] -= 1
        priv = xeddsa.seed_to_priv(seed)
        curve_pub = xeddsa.priv_to_curve25519_pub(priv)
        message = b"\x05" + secrets.token_bytes(32)
        # XEdDSA as python-x3dh signs a signed pre-key: the private key negated if need be so that
        # the Edwards key has sign bit 0, with a random 64-byte nonce.
        signature = xeddsa.ed25519_priv_sign(xeddsa.priv_force_sign(priv, False), message, secrets.token_bytes(64))
        cases.append({
            "seed": seed.hex(),
            "edwardsPublic": ed_pub.hex(),
            "montgomeryPublic": curve_pub.hex(),
            "edwardsFromMontgomery": xeddsa.curve25519_pub_to_ed25519_pub(curve_pub, False).hex(),
            "montgomeryFromEdwards": xeddsa.ed25519_pub_to_curve25519_pub(ed_pub).hex(),
            "message": message.hex(),
            "xeddsaSignature": signature.hex(),
            # Ed25519 by the seed itself: valid for the Edwards key whatever its sign bit (OMEMO 2).
            "ed25519Signature": xeddsa.ed25519_seed_sign(seed, message).hex(),
        })
    return cases


def our_keys(version):
    """Keys for our side, private halves included so the fixture test can import them."""
    while True:
        seed = secrets.token_bytes(32)
        if xeddsa.seed_to_ed25519_pub(seed)[31] >> 7 == 0:
            break
    priv = xeddsa.seed_to_priv(seed)
    encode = (lambda key: b"\x05" + key) if version == "0.3" else (lambda key: key)
    identity = encode(xeddsa.priv_to_curve25519_pub(priv)) if version == "0.3" else xeddsa.seed_to_ed25519_pub(seed)
    spk = secrets.token_bytes(32)
    spk_pub = xeddsa.priv_to_curve25519_pub(spk)
    pre_keys = [(700 + i, secrets.token_bytes(32)) for i in range(3)]
    bundle = {
        "identityKey": b64(identity),
        "signedPreKeyId": 7,
        "signedPreKey": b64(encode(spk_pub)),
        "signedPreKeySignature": b64(xeddsa.ed25519_seed_sign(seed, encode(spk_pub))),
        "preKeys": [{"id": i, "publicKey": b64(encode(xeddsa.priv_to_curve25519_pub(k)))} for i, k in pre_keys],
    }
    private = {"seed": seed.hex(), "signedPreKey": spk.hex(), "preKeys": {str(i): k.hex() for i, k in pre_keys}}
    return bundle, private


async def session_transcripts():
    out = {}
    for version in ("0.3", "2"):
        bundle, private = our_keys(version)
        python = Device(version)
        messages = []
        for i in range(5):
            messages.append(await python.encrypt(OUR_JID, OUR_DEVICE, f"python {i} ✓", bundle))
        out[version] = {"ours": private, "ourBundle": bundle, "messages": messages}
    return out


async def peer(request):
    """Runs steps on one python device whose state the caller keeps; a failing step says why."""
    python = Device(request["version"], request.get("state"))
    results = []
    for step in request["steps"]:
        try:
            if step["op"] == "bundle":
                results.append(await python.wire_bundle())
            elif step["op"] == "encrypt":
                results.append(await python.encrypt(step["jid"], step["device"], step["plaintext"], step.get("bundle")))
            elif step["op"] == "decrypt":
                results.append({"plaintext": await python.decrypt(step["jid"], step["device"], step["sent"])})
            else:
                raise ValueError(f"unknown step {step['op']}")
        except Exception as error:  # reported to the test, which fails with it
            results.append({"error": f"{type(error).__name__}: {error}", "trace": traceback.format_exc(limit=3)})
    return {"state": python.state, "results": results}


async def published_bundles():
    """OMEMO 0.3 bundles as python-oldmemo publishes them, one of each Edwards sign bit: with bit 1
    it is carried in the top bit of the signature's last byte, libsignal's old convention."""
    found = {}
    while len(found) < 2:
        bundle = await Device("0.3").wire_bundle(1)
        found.setdefault(base64.b64decode(bundle["signedPreKeySignature"])[63] >> 7, bundle)
    return [found[0], found[1]]


def emit(name, value, source):
    print(f"// Made by test/runner/omemo-vectors.py {source}; do not edit.")
    print(f"export const {name} = {json.dumps(value, indent=2)};")


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "xeddsa":
        emit("XEDDSA_CASES", xeddsa_cases(), "xeddsa")
        print()
        print(f"export const OLDMEMO_BUNDLES = {json.dumps(asyncio.run(published_bundles()), indent=2)};")
    elif command == "sessions":
        emit("SESSION_TRANSCRIPTS", asyncio.run(session_transcripts()), "sessions")
    elif command == "peer":
        print(json.dumps(asyncio.run(peer(json.load(sys.stdin)))))
    else:
        sys.exit(__doc__)
