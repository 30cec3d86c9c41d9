// A TCP proxy in front of PostgreSQL that a test can turn into a network fault: a black hole or a closed port.
import { AddressInfo, createServer, Server, Socket } from 'node:net';

export class TcpProxy {
  private readonly sockets = new Set<Socket>();
  private mode: 'forward' | 'black-hole' = 'forward';
  private server?: Server;

  constructor(private readonly target: { host: string; port: number }) {}

  /** Listens on a free local port; returns it. */
  async start(): Promise<number> {
    this.server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }

  /** Connections stay open and new ones are accepted, but nothing is answered any more. */
  blackHole(): void {
    this.mode = 'black-hole';
  }

  /** Nothing listens any more, and every connection is dropped: the port is unreachable. */
  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server?.listening ? this.server.close(() => resolve()) : resolve()));
  }

  private accept(client: Socket): void {
    this.sockets.add(client);
    client.on('close', () => this.sockets.delete(client));
    client.on('error', () => client.destroy());
    if (this.mode === 'black-hole') return;
    const upstream = new Socket();
    this.sockets.add(upstream);
    upstream.on('close', () => this.sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    upstream.connect(this.target.port, this.target.host);
    // Data is passed on only while forwarding: in a black hole it falls silently on the floor.
    client.on('data', (chunk) => this.mode === 'forward' && upstream.write(chunk));
    upstream.on('data', (chunk) => this.mode === 'forward' && client.write(chunk));
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  }
}
