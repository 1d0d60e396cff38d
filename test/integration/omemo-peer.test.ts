/**
 * The OMEMO test peer (test/runner/omemo-peer.py, python-omemo) against itself through the real servers:
 * first contact in each version, a message to devices of both versions, a second device of the receiver
 * and a carbon for the sender's, and a message read from the archive after the receiver was offline.
 * The widget's OMEMO is tested against this peer, so it must first be shown to work on each server the
 * widget's OMEMO tests use.
 */
import { expect } from '@esm-bundle/chai';
import { newAccounts } from './accounts.ts';
import { FALLBACK, omemoPeer } from './omemo-peer.ts';
import { DOMAIN, SERVERS, type ServerName } from './servers.ts';

const unique = () => Math.random().toString(36).slice(2, 8);

for (const server of Object.keys(SERVERS) as ServerName[]) {
  describe(`the OMEMO peer on ${server}`, function () {
    this.timeout(90_000);
    let alice: string, bob: string;
    beforeEach(async () => {
      [alice, bob] = await newAccounts(server, 'omemo-a', 'omemo-b');
    });
    afterEach(() => omemoPeer.stopAll());

    for (const version of ['0.3', '2'] as const) {
      it(`makes first contact and chats both ways in OMEMO ${version}`, async () => {
        const a = await omemoPeer.start(server, alice);
        const b = await omemoPeer.start(server, bob);
        const hello = `hello ${unique()}`;
        expect((await omemoPeer.send(a, b.jid, hello, version)).versions).to.deep.equal([version]);
        const received = await omemoPeer.received(b, hello);
        expect(received).to.include({ from: a.jid, encrypted: true, version, deviceId: a.deviceId, carbon: null });
        expect(received.envelopeFrom).to.equal(version === '2' ? a.jid : null);

        const reply = `reply ${unique()}`;
        await omemoPeer.send(b, a.jid, reply, version);
        expect(await omemoPeer.received(a, reply)).to.include({ from: b.jid, encrypted: true, version, deviceId: b.deviceId });
        const events = [...(await omemoPeer.events(a)), ...(await omemoPeer.events(b))];
        expect(events.filter((e) => e.event === 'undecryptable')).to.deep.equal([]);
      });
    }

    it("sends each device the newest version it publishes; the receiver's second device and the sender's get it", async () => {
      const a = await omemoPeer.start(server, alice);
      const b = await omemoPeer.start(server, bob);
      const bOld = await omemoPeer.start(server, bob, { device: 'old', versions: ['0.3'] });
      const a2 = await omemoPeer.start(server, alice, { device: 'second' });
      const listed = await omemoPeer.devices(a, b.jid);
      expect(listed.map((d) => [d.deviceId, d.versions])).to.have.deep.members([
        [b.deviceId, ['0.3', '2']],
        [bOld.deviceId, ['0.3']],
      ]);
      expect(listed.find((d) => d.deviceId === b.deviceId)?.fingerprint).to.equal(b.fingerprint);

      const body = `to every device ${unique()}`;
      const sent = await omemoPeer.send(a, b.jid, body, 'both');
      expect(sent.versions).to.deep.equal(['0.3', '2']);
      expect(sent.errors).to.deep.equal([]);
      expect(await omemoPeer.received(b, body)).to.include({ version: '2', deviceId: a.deviceId });
      expect(await omemoPeer.received(bOld, body)).to.include({ version: '0.3', deviceId: a.deviceId });
      expect(await omemoPeer.received(a2, body)).to.include({ version: '2', deviceId: a.deviceId, carbon: 'sent', from: a.jid });
    });

    it('reads a message sent while it was offline from the archive, once, and the server holds no plaintext', async () => {
      const a = await omemoPeer.start(server, alice);
      let b = await omemoPeer.start(server, bob);
      const device = b.deviceId;
      await omemoPeer.stop(b);
      const bodies = { '0.3': `while away, 0.3 ${unique()}`, '2': `while away, 2 ${unique()}` };
      await omemoPeer.send(a, `${bob}@${DOMAIN}`, bodies['0.3'], '0.3');
      await omemoPeer.send(a, `${bob}@${DOMAIN}`, bodies['2'], '2');

      b = await omemoPeer.start(server, bob, { offline: true });
      expect(b.deviceId).to.equal(device);
      const archived = (await omemoPeer.archive(b, a.jid)).filter((m) => !m.keysOnly);
      expect(archived.map((m) => [m.body, m.version, m.deviceId, m.encrypted, m.known, m.error])).to.deep.equal([
        [bodies['0.3'], '0.3', a.deviceId, true, false, null],
        [bodies['2'], '2', a.deviceId, true, false, null],
      ]);
      expect(archived.map((m) => m.fallbackBody)).to.deep.equal([FALLBACK, FALLBACK]);
      // Online now: what the server kept offline comes again, and is not a second message.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const events = await omemoPeer.events(b);
      expect(events.filter((e) => e.event === 'message')).to.deep.equal([]);
      expect(events.filter((e) => e.event === 'undecryptable')).to.deep.equal([]);
    });
  });
}
