// A loopback TCP proxy that tests put between the browser and a real server, to cut live
// connections (a dropped socket), freeze them (a dead link that never says so), delay them,
// hold everything for a while (a black hole) or refuse new ones (a server that is down) on demand.
import net from 'node:net';

export class TcpProxy {
  #server;
  #sockets = new Set();
  #pairs = new Set();
  /** Milliseconds each chunk waits before it is passed on, either way. */
  #delayMs = 0;
  /** Milliseconds an empty BOSH request (a poll) waits on its way to the server, on top of the delay. */
  #pollDelayMs = 0;
  /** While set, connections are accepted and data is held in both directions. */
  #blackhole = false;
  /** Each forwarder's way to pass on what it held. */
  #holes = new Set();

  constructor(targetPort, targetHost = '127.0.0.1') {
    this.targetPort = targetPort;
    this.targetHost = targetHost;
    this.port = 0;
  }

  async up() {
    this.#server = net.createServer((client) => {
      const upstream = net.connect(this.targetPort, this.targetHost);
      for (const s of [client, upstream]) {
        this.#sockets.add(s);
        s.on('close', () => this.#sockets.delete(s));
        s.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      const pair = { client, upstream, live: true };
      this.#pairs.add(pair);
      client.on('close', () => this.#pairs.delete(pair));
      this.#forward(pair, client, upstream, true);
      this.#forward(pair, upstream, client, false);
    });
    await new Promise((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(this.port, '127.0.0.1', resolve);
    });
    this.port = this.#server.address().port;
    return this.port;
  }

  /**
   * Passes data on in order, after the current delay. While black-holed, data is held and goes
   * on when the hole closes, as TCP retransmits what a dead path dropped: a stream never loses
   * bytes in its middle. A stalled pair carries nothing, ever again.
   */
  #forward(pair, from, to, toServer) {
    let last = 0; // chunks keep their order even when the delay changes
    const held = [];
    const pass = (chunk) => {
      const poll = toServer && this.#pollDelayMs > 0 && /<body[^>]*\/>\s*$/.test(chunk.toString('latin1'));
      const due = Math.max(Date.now() + this.#delayMs + (poll ? this.#pollDelayMs : 0), last);
      last = due;
      const write = () => {
        if (pair.live && !to.destroyed) to.write(chunk);
      };
      if (due <= Date.now()) write();
      else setTimeout(write, due - Date.now());
    };
    const release = () => {
      for (const chunk of held.splice(0)) pass(chunk);
    };
    this.#holes.add(release);
    from.on('close', () => this.#holes.delete(release));
    from.on('data', (chunk) => {
      if (!pair.live) return;
      if (this.#blackhole || held.length) held.push(chunk);
      else pass(chunk);
    });
    from.on('end', () => {
      if (pair.live) to.end();
    });
  }

  /** Cuts every live connection without any goodbye (a TCP reset), as a network failure would. */
  drop() {
    for (const s of this.#sockets) s.resetAndDestroy ? s.resetAndDestroy() : s.destroy();
    this.#sockets.clear();
  }

  /** Live connections stop carrying data but stay open, as behind a dead NAT; new ones work. */
  stall() {
    for (const pair of this.#pairs) pair.live = false;
    this.#pairs.clear();
  }

  /** Every chunk from now on waits this long, both ways (0 ends the delay). */
  delay(ms) {
    this.#delayMs = ms;
  }

  /** Empty BOSH requests (polls) from now on wait this long on their way to the server, so that a request sent right after one overtakes it (0 ends it). */
  delayPolls(ms) {
    this.#pollDelayMs = ms;
  }

  /** While on, connections open but nothing gets through either way, and nothing is refused. */
  blackhole(on) {
    this.#blackhole = on;
    if (!on) for (const release of [...this.#holes]) release();
  }

  /** Stops listening and cuts live connections: new connections are refused. */
  async down() {
    this.drop();
    await new Promise((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
    this.#server = undefined;
  }
}
