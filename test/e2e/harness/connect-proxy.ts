// Firefox has no --host-resolver-rules, so its PAC script sends the mapped hosts to this HTTP
// CONNECT proxy, which tunnels them to the local HTTPS server. The browser still does TLS with
// SNI and Host of the real name (x.com), exactly as it would against the real site.
import { createConnection, createServer, type Socket } from 'node:net';

export interface ConnectProxy {
  port: number;
  /** A PAC script: the mapped hosts through this proxy, everything else direct. */
  pacScript: string;
  close(): Promise<void>;
}

export async function startConnectProxy(hosts: string[], targetPort: number): Promise<ConnectProxy> {
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server = createServer((client) => {
    track(client);
    let head = '';
    const onData = (chunk: Buffer) => {
      head += chunk.toString('latin1');
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) {
        if (head.length > 8192) client.destroy();
        return;
      }
      client.off('data', onData);
      const [, host, port] = /^CONNECT ([^\s:]+):(\d+) HTTP\/1\.[01]\r\n/.exec(head) ?? [];
      // Only TLS to the mapped hosts: anything else means the test would leak to the network.
      if (host === undefined || !hosts.includes(host) || port !== '443') {
        client.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      const upstream = createConnection({ host: '127.0.0.1', port: targetPort }, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        // Bytes the client sent after the CONNECT head (normally none) belong to the tunnel.
        const rest = Buffer.from(head.slice(end + 4), 'latin1');
        if (rest.length > 0) upstream.write(rest);
        client.pipe(upstream).pipe(client);
      });
      track(upstream);
      upstream.on('close', () => client.destroy());
      client.on('close', () => upstream.destroy());
    };
    client.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const pacScript = `function FindProxyForURL(url, host) {
  if (${JSON.stringify(hosts)}.indexOf(host) >= 0) return 'PROXY 127.0.0.1:${port}';
  return 'DIRECT';
}`;
  return {
    port,
    pacScript,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
