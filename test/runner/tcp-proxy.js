// A loopback TCP proxy that tests put between the browser and a real server, to cut live
// connections (a dropped socket), freeze them (a dead link that never says so) or refuse new ones
// (a server that is down) on demand.
import net from 'node:net';

export class TcpProxy {
  #server;
  #sockets = new Set();
  #pairs = new Set();

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
        s.on('error', () => { client.destroy(); upstream.destroy(); });
      }
      const pair = [client, upstream];
      this.#pairs.add(pair);
      client.on('close', () => this.#pairs.delete(pair));
      client.pipe(upstream).pipe(client);
    });
    await new Promise((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(this.port, '127.0.0.1', resolve);
    });
    this.port = this.#server.address().port;
    return this.port;
  }

  /** Cuts every live connection without any goodbye, as a network failure would. */
  drop() {
    for (const s of this.#sockets) s.resetAndDestroy ? s.resetAndDestroy() : s.destroy();
    this.#sockets.clear();
  }

  /** Live connections stop carrying data but stay open, as behind a dead NAT; new ones work. */
  stall() {
    for (const [client, upstream] of this.#pairs) {
      client.unpipe(upstream);
      upstream.unpipe(client);
      client.pause();
      upstream.pause();
    }
    this.#pairs.clear();
  }

  /** Stops listening and cuts live connections: new connections are refused. */
  async down() {
    this.drop();
    await new Promise((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
    this.#server = undefined;
  }
}
