import { createSocket } from 'node:dgram';

/** A (sub)segment as the X-Ray SDK sends it to the daemon. */
interface XRaySegment {
  name: string;
  trace_id?: string;
  namespace?: string;
  aws?: { operation?: string };
  subsegments?: XRaySegment[];
}

/** A UDP listener standing in for the X-Ray daemon Lambda runs beside a traced function. */
export interface XRayDaemon {
  /** For the function's `AWS_XRAY_DAEMON_ADDRESS`. */
  address: string;
  /** Every (sub)segment received so far, nested ones flattened. */
  segments(): XRaySegment[];
  close(): Promise<void>;
}

const flatten = (segment: XRaySegment): XRaySegment[] => [segment, ...(segment.subsegments ?? []).flatMap(flatten)];

export async function startXRayDaemon(): Promise<XRayDaemon> {
  const socket = createSocket('udp4');
  const received: XRaySegment[] = [];
  // Each datagram: a header line ({"format":"json","version":1}), then one segment document.
  socket.on('message', (datagram) => {
    const body = datagram.toString('utf8').split('\n').slice(1).join('\n');
    received.push(...flatten(JSON.parse(body) as XRaySegment));
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${socket.address().port}`,
    segments: () => [...received],
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
