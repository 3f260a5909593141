import type { PGlite } from '@electric-sql/pglite';
import { type AddressInfo, type Socket, createServer } from 'node:net';
import { TLSSocket } from 'node:tls';

/** A Postgres server on loopback backed by one PGlite instance. */
export interface PostgresWireServer {
  /** `postgres://postgres@127.0.0.1:<port>/postgres`, for `DATABASE_URL`. */
  url: string;
  close(): Promise<void>;
}

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const PROTOCOL_3 = 196608;

/** Length of the first whole message in `buffer`, or 0 while it is incomplete. */
function messageLength(buffer: Buffer, startup: boolean): number {
  if (startup) return buffer.length >= 4 && buffer.length >= buffer.readInt32BE(0) ? buffer.readInt32BE(0) : 0;
  return buffer.length >= 5 && buffer.length >= 1 + buffer.readInt32BE(1) ? 1 + buffer.readInt32BE(1) : 0;
}

export interface PostgresWireOptions {
  /** Answer clients' SSLRequest with TLS on this key and certificate (PEM), as RDS does; without it, plain text. */
  tls?: { key: string; cert: string };
}

/**
 * Serves PGlite over the Postgres wire protocol on a free loopback port, so a process that only
 * has a Postgres client (the profile Lambda bundle, which ships `pg` and not PGlite) can use it.
 * PGlite is one session: connections are served one message at a time, in arrival order, which is
 * enough for one client at a time (a Lambda's pool), not for concurrent transactions.
 *
 * @example
 * const server = await startPostgresWireServer(await PGlite.create());
 * const db = openDatabase({ DATABASE_URL: server.url });
 */
export async function startPostgresWireServer(pglite: PGlite, options: PostgresWireOptions = {}): Promise<PostgresWireServer> {
  const sockets = new Set<Socket>();
  let queue: Promise<unknown> = Promise.resolve();

  /** Reads messages from `stream` (the TCP socket, or the TLS socket over it) until it ends. */
  const serve = (stream: Socket | TLSSocket) => {
    let buffer = Buffer.alloc(0);
    let startup = true;
    const onData = (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (let length = messageLength(buffer, startup); length > 0; length = messageLength(buffer, startup)) {
        const message = buffer.subarray(0, length);
        buffer = buffer.subarray(length);
        if (startup) {
          const code = message.readInt32BE(4);
          if (code === SSL_REQUEST && options.tls && !(stream instanceof TLSSocket)) {
            stream.off('data', onData);
            stream.write('S', () => {
              const secure = new TLSSocket(stream, { isServer: true, ...options.tls });
              secure.on('error', () => stream.destroy());
              serve(secure);
            });
            return;
          }
          // 'N': go on in plain text, as a server without SSL (or GSS encryption) does.
          if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
            stream.write('N');
            continue;
          }
          if (code !== PROTOCOL_3) {
            stream.destroy();
            return;
          }
          startup = false;
        } else if (message[0] === 0x58) {
          stream.end(); // Terminate
          return;
        }
        const bytes = new Uint8Array(message);
        queue = queue
          .then(() => pglite.runExclusive(() => pglite.execProtocolRaw(bytes)))
          .then((reply) => {
            if (reply.length > 0 && stream.writable) stream.write(reply);
          })
          .catch(() => stream.destroy());
      }
    };
    stream.on('data', onData);
  };

  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    serve(socket);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await queue.catch(() => undefined);
    },
  };
}
