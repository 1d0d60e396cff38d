#!/usr/bin/python3
"""A load of visitors on one desk: N anonymous slixmpp clients each write M messages to it.

    desk-load.py <host> <port> <domain> <to> <visitors> <messages> <interval ms> [<ramp ms>]

Every visitor signs in anonymously on <domain> over c2s at <host>:<port> (loopback only), the
sign-ins spread over <ramp ms>, then sends its messages <interval ms> apart, each body
"load <visitor>-<n>". Prints one JSON object: {"sent": [{"id", "from", "body", "at"}],
"failed": [...], "startedAt", "endedAt"}, where "at" is the send time in milliseconds since the
epoch, taken just before the stanza is written.

Bounded: at most MAX_VISITORS visitors, MAX_MESSAGES each, and the whole run is stopped after
MAX_SECONDS whatever is left.
"""
import asyncio
import ipaddress
import os
import signal
import json
import logging
import socket
import sys
import time

from slixmpp import ClientXMPP

logging.basicConfig(level=logging.CRITICAL)

MAX_VISITORS = 1000
MAX_MESSAGES = 20
MAX_SECONDS = 150
MIN_INTERVAL_MS = 50


class LoadError(Exception):
    """A run the generator refuses: `condition` says which bound it would break."""

    def __init__(self, condition, message):
        super().__init__(message)
        self.condition = condition


def now_ms():
    return time.time() * 1000


class Visitor(ClientXMPP):
    def __init__(self, domain, index, to, messages, interval, sent, failed):
        super().__init__(domain, '')
        self.index, self.to, self.messages, self.interval = index, to, messages, interval
        self.sent, self.failed = sent, failed
        self.done = asyncio.get_event_loop().create_future()
        self.register_plugin('xep_0199')
        self.add_event_handler('session_start', self.on_start)
        self.add_event_handler('failed_auth', lambda _: self.finish(f'visitor {index}: authentication failed'))
        self.add_event_handler('connection_failed', self.on_connection_failed)

    def finish(self, failure=None):
        if failure:
            self.failed.append(failure)
        if not self.done.done():
            self.done.set_result(True)

    def on_connection_failed(self, error):
        self.finish(f'visitor {self.index}: {error}')
        self.abort()  # no reconnection attempts

    async def on_start(self, _event):
        self.send_presence()
        for n in range(self.messages):
            body = f'load {self.index}-{n}'
            message = self.make_message(mto=self.to, mbody=body, mtype='chat')
            self.sent.append({'id': message['id'], 'from': self.boundjid.bare, 'body': body, 'at': now_ms()})
            message.send()
            if n < self.messages - 1:
                await asyncio.sleep(self.interval / 1000)
        # The ping's answer comes after the server has handled the messages.
        try:
            await self['xep_0199'].ping(self.boundjid.domain, timeout=20)
        except Exception as error:  # noqa: BLE001 -- reported, not hidden
            self.failed.append(f'visitor {self.index}: no answer to the last ping ({error})')
        self.finish()


def check(host, visitors, messages, interval):
    addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    if not all(ipaddress.ip_address(a).is_loopback for a in addresses):
        raise LoadError('not-loopback', f'{host} is not a loopback address')
    if not 1 <= visitors <= MAX_VISITORS:
        raise LoadError('too-many-visitors', f'between 1 and {MAX_VISITORS} visitors, not {visitors}')
    if not 1 <= messages <= MAX_MESSAGES:
        raise LoadError('too-many-messages', f'between 1 and {MAX_MESSAGES} messages each, not {messages}')
    if interval < MIN_INTERVAL_MS:
        raise LoadError('too-fast', f'at least {MIN_INTERVAL_MS} ms between messages, not {interval}')


RESULT = {'sent': [], 'failed': []}


def give_up(_signum, _frame):
    """The hard stop: what was sent so far, whatever is still running."""
    RESULT['failed'].append(f'stopped after {MAX_SECONDS} s')
    RESULT.setdefault('endedAt', now_ms())
    print(json.dumps(RESULT), flush=True)
    os._exit(0)


async def run(host, port, domain, to, visitors, messages, interval, ramp):
    sent, failed = RESULT['sent'], RESULT['failed']
    clients = []
    started = RESULT['startedAt'] = now_ms()
    for index in range(visitors):
        client = Visitor(domain, index, to, messages, interval, sent, failed)
        client.connect((host, port), use_ssl=False, force_starttls=False, disable_starttls=True)
        clients.append(client)
        await asyncio.sleep(ramp / 1000 / visitors)
    try:
        await asyncio.wait_for(asyncio.gather(*(c.done for c in clients)), timeout=MAX_SECONDS - 10 - ramp / 1000)
    except asyncio.TimeoutError:
        failed.append(f'stopped after {MAX_SECONDS} s with {sum(not c.done.done() for c in clients)} visitors unfinished')
    ended = RESULT['endedAt'] = now_ms()
    for client in clients:
        client.disconnect()
    await asyncio.sleep(0.5)
    return {'sent': sent, 'failed': failed, 'startedAt': started, 'endedAt': ended}


def main():
    host, port, domain, to, visitors, messages, interval, *rest = sys.argv[1:]
    visitors, messages, interval = int(visitors), int(messages), int(interval)
    ramp = int(rest[0]) if rest else 0
    try:
        check(host, visitors, messages, interval)
    except LoadError as error:
        print(json.dumps({'error': str(error), 'condition': error.condition}))
        sys.exit(2)
    signal.signal(signal.SIGALRM, give_up)
    signal.alarm(MAX_SECONDS)
    loop = asyncio.get_event_loop()
    result = loop.run_until_complete(run(host, int(port), domain, to, visitors, messages, interval, ramp))
    print(json.dumps(result))


if __name__ == '__main__':
    main()
