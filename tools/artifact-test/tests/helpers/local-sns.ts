import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

interface Publication {
  topicArn: string;
  message: string;
  attributes: Record<string, string>;
  /** The request's `Authorization` header: SigV4 by the function's credentials (not verified here). */
  authorization: string;
}

/** An SNS endpoint on loopback answering `Publish` (the query protocol the SDK speaks) and keeping what it got. */
export interface LocalSns {
  /** For the functions' `AWS_ENDPOINT_URL_SNS`. */
  endpoint: string;
  published: Publication[];
  close(): Promise<void>;
}

function attributesOf(form: URLSearchParams): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (let n = 1; form.has(`MessageAttributes.entry.${n}.Name`); n++) {
    attributes[form.get(`MessageAttributes.entry.${n}.Name`)!] = form.get(`MessageAttributes.entry.${n}.Value.StringValue`) ?? '';
  }
  return attributes;
}

export async function startLocalSns(): Promise<LocalSns> {
  const published: Publication[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      if (request.method !== 'POST' || form.get('Action') !== 'Publish') {
        response.writeHead(400, { 'content-type': 'text/xml' }).end('<ErrorResponse><Error><Code>InvalidAction</Code></Error></ErrorResponse>');
        return;
      }
      published.push({
        topicArn: form.get('TopicArn') ?? '',
        message: form.get('Message') ?? '',
        attributes: attributesOf(form),
        authorization: request.headers.authorization ?? '',
      });
      const xml = `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>${randomUUID()}</MessageId></PublishResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></PublishResponse>`;
      response.writeHead(200, { 'content-type': 'text/xml' }).end(xml);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    published,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
