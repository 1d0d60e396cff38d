// A loopback TCP proxy that tests put between the browser and a real server, to cut live
// connections (a dropped socket) or refuse new ones (a server that is down) on demand.
import net from 'node:net';

export class TcpProxy {
  #server;
  #sockets = new Set();

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

  /** Stops listening and cuts live connections: new connections are refused. */
  async down() {
    this.drop();
    await new Promise((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
    this.#server = undefined;
  }
}
