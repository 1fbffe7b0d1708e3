// A loopback TCP proxy the test can cut, to drop connections the way a network does (no close frame).
import net from 'node:net';

export interface TcpProxy {
  url: string;
  /** Destroys every proxied connection; new ones are accepted again at once. */
  cut(): void;
  /** While paused, new connections are refused (an unreachable server); cut() the live ones separately. */
  pause(paused: boolean): void;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const live = new Set<net.Socket>();
  let paused = false;
  const server = net.createServer((client) => {
    if (paused) return client.destroy();
    const upstream = net.connect(targetPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      live.add(s);
      s.on('close', () => live.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    cut: () => { for (const s of live) s.destroy(); },
    pause: (value) => { paused = value; },
    close: () => new Promise((resolve) => { for (const s of live) s.destroy(); server.close(() => resolve()); }),
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}
