import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LocalStackError, PortInUseError } from '../errors';

/** Every server of the stack listens on the loopback interface only: its credentials are well known. */
const LOOPBACK = '127.0.0.1';

/**
 * Starts listening on `port` (0: any free port) and resolves with the port taken.
 *
 * @throws PortInUseError when the port is taken
 *
 * @example
 * const port = await listen(server, 4566, 's3');
 */
export async function listen(server: Server, port: number, service: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (error.code === 'EADDRINUSE') reject(new PortInUseError(service, port, { cause: error }));
      else if (error.code === 'EACCES') reject(new LocalStackError(`port ${port} (${service}) needs privileges: pick a port above 1023`, { cause: error }));
      else reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, LOOPBACK);
  });
  return (server.address() as AddressInfo).port;
}

/**
 * Stops accepting connections and closes the open ones, idle or not: a stopping stack does not
 * wait for browsers' keep-alive connections to time out.
 */
export async function closeServer(server: Server): Promise<void> {
  if (!server.listening) return;
  await new Promise<void>((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

/** `http://127.0.0.1:<port>` */
export function loopbackUrl(port: number): string {
  return `http://${LOOPBACK}:${port}`;
}
