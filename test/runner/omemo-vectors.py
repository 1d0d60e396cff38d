#!/usr/bin/python3
"""Fixtures for src/omemo made by the python-omemo stack (python3-xeddsa, -x3dh, -doubleratchet,
-oldmemo, -twomemo), so our OMEMO code is checked against an independent implementation.

  omemo-vectors.py xeddsa      > src/omemo/xeddsa.fixtures.ts
  omemo-vectors.py sessions    > src/omemo/sessions.fixtures.ts   (see omemo_sessions.py)
"""
import json
import secrets
import sys

import xeddsa


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


def emit(name, value, source):
    print(f"// Made by test/runner/omemo-vectors.py {source}; do not edit.")
    print(f"export const {name} = {json.dumps(value, indent=2)};")


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "xeddsa":
        emit("XEDDSA_CASES", xeddsa_cases(), "xeddsa")
    else:
        sys.exit(__doc__)
