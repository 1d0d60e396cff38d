#!/usr/bin/python3
"""A busy room for the bench: its archive filled once, and up to a thousand occupants in it.

    room-load.py fill <host> <port> <domain> <room> <messages>
    room-load.py occupants <host> <port> <domain> <room> <occupants> <ramp ms> <nick prefix>

`fill` makes <room> persistent and tops its archive (XEP-0313 at the room's address) up to
<messages> messages, so that a second run finds it full and sends nothing, then times the query
for its newest 100; prints {"event": "filled", "archived": <count before>, "sent": <n>,
"newestPageMs": <ms>}.

`occupants` signs in <occupants> anonymous clients on <domain>, each on its own connection, spread
over <ramp ms>, each joining <room> as "<nick prefix>-<n>"; prints {"event": "ready", "joined": n,
"failed": [...]} once all have joined or failed, then reads commands from stdin, one JSON object a
line: {"flood": "away"} (or "available") has every occupant change its presence at once, printing
{"event": "flooded", "sent": n}; {"quit": true} stops.

The clients speak just enough XMPP over plain c2s (SASL ANONYMOUS, bind, MUC join) and drain what
the server sends without parsing it: a thousand occupants of one room receive each other's
presence, a million stanzas a full client library would spend minutes reading.

Bounded: loopback only, at most MAX_OCCUPANTS occupants and MAX_MESSAGES messages, and the process
stops after MAX_SECONDS whatever is left.
"""
import asyncio
import ipaddress
import json
import re
import signal
import socket
import sys
import time
import uuid
from xml.sax.saxutils import escape, quoteattr

MAX_OCCUPANTS = 1000
MAX_MESSAGES = 10000
MAX_SECONDS = 300
BATCH = 250  # messages written between two round trips, so the server's queue stays short

SASL = 'urn:ietf:params:xml:ns:xmpp-sasl'
MUC = 'http://jabber.org/protocol/muc'


class LoadError(Exception):
    """A run the generator refuses: `condition` says which bound it would break."""

    def __init__(self, condition, message):
        super().__init__(message)
        self.condition = condition


def out(**event):
    print(json.dumps(event), flush=True)


class Connection:
    """One anonymous c2s session, its input kept only until what is waited for has come."""

    def __init__(self, host, port, domain):
        self.host, self.port, self.domain = host, port, domain
        self.buffer = b''
        self.reader = self.writer = None
        self.jid = self.occupant = None

    async def open(self):
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        await self.stream()
        self.send(f"<auth xmlns='{SASL}' mechanism='ANONYMOUS'/>")
        await self.expect(rb'<success|<failure', 'SASL ANONYMOUS')
        if b'<failure' in self.buffer:
            raise ConnectionError('anonymous sign-in refused')
        await self.stream()
        self.send("<iq type='set' id='bind'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>")
        found = await self.expect(rb'<jid>([^<]+)</jid>', 'resource binding')
        self.jid = found.group(1).decode()

    async def stream(self):
        self.buffer = b''
        self.send(
            f"<?xml version='1.0'?><stream:stream to='{self.domain}' version='1.0' xmlns='jabber:client' "
            "xmlns:stream='http://etherx.jabber.org/streams'>"
        )
        await self.expect(rb'</stream:features>', 'stream features')

    def send(self, xml):
        self.writer.write(xml.encode())

    async def expect(self, pattern, what, timeout=60):
        async def wait():
            while True:
                found = re.search(pattern, self.buffer)
                if found:
                    self.buffer = self.buffer[found.end() :]
                    return found
                chunk = await self.reader.read(65536)
                if not chunk:
                    raise ConnectionError(f'closed while waiting for {what}')
                self.buffer = (self.buffer + chunk)[-65536:]

        return await asyncio.wait_for(wait(), timeout)

    async def join(self, room, nick):
        self.occupant = f'{room}/{nick}'
        self.send(f"<presence to={quoteattr(self.occupant)}><x xmlns='{MUC}'><history maxstanzas='0'/></x></presence>")
        found = await self.expect(rb"code=['\"](110|201)['\"]|type=['\"]error['\"]", f'joining {room}')
        if b'error' in found.group(0):
            raise ConnectionError(f'join refused as {nick}')
        return found.group(1) == b'201'

    async def drain(self):
        while await self.reader.read(65536):
            pass

    async def round_trip(self, to):
        ping = uuid.uuid4().hex
        self.send(f"<iq type='get' to={quoteattr(to)} id='{ping}'><ping xmlns='urn:xmpp:ping'/></iq>")
        await self.expect(re.escape(ping.encode()), 'a ping answer')


async def fill(host, port, domain, room, messages):
    filler = Connection(host, port, domain)
    await filler.open()
    created = await filler.join(room, f'filler-{uuid.uuid4().hex[:8]}')
    if created:
        filler.send(
            f"<iq type='set' to={quoteattr(room)} id='config'><query xmlns='{MUC}#owner'><x xmlns='jabber:x:data' type='submit'>"
            "<field var='FORM_TYPE'><value>http://jabber.org/protocol/muc#roomconfig</value></field>"
            "<field var='muc#roomconfig_persistentroom'><value>1</value></field></x></query></iq>"
        )
        await filler.expect(rb"id=['\"]config['\"]", 'the room configured')
    filler.send(
        f"<iq type='set' to={quoteattr(room)} id='count'><query xmlns='urn:xmpp:mam:2'>"
        "<set xmlns='http://jabber.org/protocol/rsm'><max>0</max></set></query></iq>"
    )
    found = await filler.expect(rb"<count>(\d+)</count>|id=['\"]count['\"][^>]*/>", 'the archive count')
    archived = int(found.group(1) or 0)
    missing = max(0, messages - archived)
    for n in range(missing):
        body = f'archived message {archived + n + 1} of {messages}: ' + 'the quick brown fox jumps over the lazy dog ' * (n % 3)
        filler.send(f"<message type='groupchat' to={quoteattr(room)}><body>{escape(body.strip())}</body></message>")
        if n % BATCH == BATCH - 1:
            await filler.round_trip(room)
    await filler.round_trip(room)
    # What a client joining for the first time asks for: the newest 100 (the widget's first page).
    started = time.monotonic()
    filler.send(
        f"<iq type='set' to={quoteattr(room)} id='newest'><query xmlns='urn:xmpp:mam:2'>"
        "<set xmlns='http://jabber.org/protocol/rsm'><max>100</max><before/></set></query></iq>"
    )
    await filler.expect(rb"id=['\"]newest['\"]", 'the newest page')
    newest_page_ms = round((time.monotonic() - started) * 1000)
    filler.writer.close()
    return {'archived': archived, 'sent': missing, 'newestPageMs': newest_page_ms}


async def occupants(host, port, domain, room, count, ramp, prefix):
    joined, failed = [], []

    async def one(n):
        connection = Connection(host, port, domain)
        try:
            await connection.open()
            await connection.join(room, f'{prefix}-{n}')
            joined.append(connection)
            asyncio.ensure_future(connection.drain())
        except (OSError, ConnectionError, asyncio.TimeoutError) as error:
            failed.append(f'occupant {n}: {error!r}')

    tasks = []
    for n in range(count):
        tasks.append(asyncio.ensure_future(one(n)))
        await asyncio.sleep(ramp / 1000 / count)
    await asyncio.gather(*tasks)
    out(event='ready', joined=len(joined), failed=failed[:10], failures=len(failed))

    loop = asyncio.get_event_loop()
    stopped = loop.create_future()

    def read():
        line = sys.stdin.readline()
        if not line or json.loads(line).get('quit'):
            loop.remove_reader(sys.stdin.fileno())
            if not stopped.done():
                stopped.set_result(True)
            return
        show = json.loads(line).get('flood')
        if show:
            status = '' if show == 'available' else f'<show>{escape(show)}</show>'
            for connection in joined:
                connection.send(f'<presence to={quoteattr(connection.occupant)}>{status}</presence>')
            out(event='flooded', sent=len(joined))

    loop.add_reader(sys.stdin.fileno(), read)
    await stopped
    for connection in joined:
        connection.writer.close()


def check(host, count, kind):
    addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    if not all(ipaddress.ip_address(a).is_loopback for a in addresses):
        raise LoadError('not-loopback', f'{host} is not a loopback address')
    limit = MAX_OCCUPANTS if kind == 'occupants' else MAX_MESSAGES
    if not 1 <= count <= limit:
        raise LoadError('too-many', f'between 1 and {limit} {kind}, not {count}')


def give_up(_signum, _frame):
    out(event='error', why=f'stopped after {MAX_SECONDS} s')
    sys.exit(1)


def main():
    kind, host, port, domain, room, count, *rest = sys.argv[1:]
    try:
        check(host, int(count), 'messages' if kind == 'fill' else 'occupants')
    except LoadError as error:
        out(event='error', why=str(error), condition=error.condition)
        sys.exit(2)
    signal.signal(signal.SIGALRM, give_up)
    signal.alarm(MAX_SECONDS)
    loop = asyncio.get_event_loop()
    if kind == 'fill':
        out(event='filled', **loop.run_until_complete(fill(host, int(port), domain, room, int(count))))
    else:
        ramp, prefix = int(rest[0]), rest[1]
        loop.run_until_complete(occupants(host, int(port), domain, room, int(count), ramp, prefix))


if __name__ == '__main__':
    main()
