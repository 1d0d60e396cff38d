#!/usr/bin/python3
"""An OMEMO client as a third-party client, slixmpp with python-omemo, is one: OMEMO 0.3 and/or OMEMO 2.

    omemo-peer.py <jid> <password> <host> <port> --state=<dir> [--versions=0.3,2] [--resource=<r>] [--offline]
    omemo-peer.py --spare   (imports everything, then takes those arguments as a JSON list on its first line
                             of stdin: a peer started ahead, so that starting one does not wait for the imports)

Signs in, publishes its device (in the device list and bundle of every enabled version, kept in
<dir>/omemo.json: the same <dir> restarts the same device, another one is another device of the account)
and enables carbons. With --offline it sends no presence, so that messages wait on the server, until
its first archive read; otherwise it goes online at once. Reads orders from stdin, one JSON object a line:
    {"send": "<body>", "to": "<bare jid>", "version": "0.3" | "2" | "both"}   encrypted for every device
        of <bare jid> and this account's other devices; "both": each device gets the newest version it
        publishes (the stanza carries an element per version used)
    {"plain": "<body>", "to": "<bare jid>"}   an unencrypted message
    {"archive": true, "with": "<bare jid>"?}   read this account's archive (XEP-0313), decrypting what it can
    {"devices": "<bare jid>" | true}   a contact's devices (fetched anew), or this account's (true)
    {"trust": "<bare jid>", "deviceId": n, "level": "verified" | "blind" | "distrusted"}
    {"quit": true}
and writes what happens to stdout, one JSON object a line:
    {"event": "ready", "deviceId", "fingerprint", "versions"}
    {"event": "message", "from", "id", "body", "encrypted", "version", "deviceId", "carbon", "envelopeFrom", "delayed", "replaces"}
    {"event": "undecryptable", "from", "id", "why"}
    {"event": "keys", "from", "version", "deviceId", "forUs"} (a message of keys only; forUs false: another
        device's, as its carbon of a key exchange reaches every device of the account)
    {"event": "duplicate", "from", "id"} (a message already opened, e.g. offline delivery after the archive)
    {"event": "sent", "id", "to", "body", "versions", "errors"}, {"event": "send-failed", "to", "body", "why"}
    {"event": "archive", "messages": [{"archiveId", "from", "to", "id", "body", "encrypted", "version",
        "deviceId", "fallbackBody", "known", "keysOnly", "error"}...]} or {"event": "archive", "error"}
    {"event": "devices", "jid", "devices": [{"deviceId", "versions", "fingerprint", "trust", "own"}...]}
    {"event": "trusted", ...}, {"event": "disconnected"}, {"event": "error", "why"}, {"event": "stopped"}
A message opened once (live or from the archive) is kept in <dir>/messages.json by sender and id: its
keys are spent, so a second copy is answered from there ("known" in the archive, "duplicate" live).
A lost connection is made again every second. It stops by itself after five minutes.
"""
import argparse
import asyncio
import json
import os
import sys

from omemo_client import OmemoPeer, out


def arguments():
    """The command line's arguments or, for a spare, those on the first line of stdin; and what followed that line."""
    if sys.argv[1:] != ['--spare']:
        return sys.argv[1:], b''
    received = b''
    while b'\n' not in received:
        chunk = os.read(sys.stdin.fileno(), 65536)
        if not chunk:
            sys.exit(0)  # the runner went away before it needed this spare
        received += chunk
    line, rest = received.split(b'\n', 1)
    return json.loads(line), rest


def main():
    argv, pending = arguments()
    parser = argparse.ArgumentParser()
    for name in ('jid', 'password', 'host', 'port'):
        parser.add_argument(name)
    parser.add_argument('--state', required=True)
    parser.add_argument('--versions', default='0.3,2')
    parser.add_argument('--resource', default=None)
    parser.add_argument('--offline', action='store_true')
    args = parser.parse_args(argv)
    os.makedirs(args.state, exist_ok=True)
    jid = f'{args.jid}/{args.resource}' if args.resource else args.jid
    peer = OmemoPeer(jid, args.password, (args.host, int(args.port)), args.state, args.versions.split(','), args.offline)
    peer.start()
    loop = asyncio.get_event_loop()

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
                peer.order(json.loads(line))

    loop.add_reader(sys.stdin.fileno(), read)
    try:
        loop.run_until_complete(asyncio.wait_for(peer.stopped, timeout=300))
    except asyncio.TimeoutError:
        out(event='error', why='stopped after five minutes')
        peer.stop()
    if peer.transport:
        loop.run_until_complete(asyncio.wait([peer.disconnected], timeout=5))
    out(event='stopped')


if __name__ == '__main__':
    main()
