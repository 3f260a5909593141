import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeSubscription {
  protocol: string;
  endpoint: string;
  subscriptionArn: string;
}

export interface FakeSnsSqs {
  url: string;
  /** The actions received, e.g. `SNS ListSubscriptionsByTopic arn:…`, `SQS GetQueueAttributes https://…`. */
  calls: string[];
  close(): Promise<void>;
}

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * SNS (query protocol, XML) and SQS (JSON 1.0) on one local port, answering the two calls the
 * smoke test makes, so the real SDK clients run against it through their endpoint setting.
 * Subscriptions are served two per page, to make the client follow NextToken.
 */
export async function startFakeSnsSqs(state: { subscriptions: FakeSubscription[]; queueDepth: { visible: number; inFlight: number } }): Promise<FakeSnsSqs> {
  const calls: string[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const target = request.headers['x-amz-target'];
      if (typeof target === 'string' && target.endsWith('.GetQueueAttributes')) {
        const { QueueUrl } = JSON.parse(body) as { QueueUrl: string };
        calls.push(`SQS GetQueueAttributes ${QueueUrl}`);
        response.writeHead(200, { 'Content-Type': 'application/x-amz-json-1.0' });
        response.end(
          JSON.stringify({
            Attributes: { ApproximateNumberOfMessages: String(state.queueDepth.visible), ApproximateNumberOfMessagesNotVisible: String(state.queueDepth.inFlight) },
          }),
        );
        return;
      }
      const form = new URLSearchParams(body);
      if (form.get('Action') === 'ListSubscriptionsByTopic') {
        const topic = form.get('TopicArn') ?? '';
        calls.push(`SNS ListSubscriptionsByTopic ${topic}`);
        const start = Number(form.get('NextToken') ?? '0');
        const page = state.subscriptions.slice(start, start + 2);
        const next = start + 2 < state.subscriptions.length ? `<NextToken>${start + 2}</NextToken>` : '';
        const members = page
          .map(
            (s) =>
              `<member><TopicArn>${xml(topic)}</TopicArn><Protocol>${s.protocol}</Protocol><SubscriptionArn>${xml(s.subscriptionArn)}</SubscriptionArn><Owner>123456789012</Owner><Endpoint>${xml(s.endpoint)}</Endpoint></member>`,
          )
          .join('');
        response.writeHead(200, { 'Content-Type': 'text/xml' });
        response.end(
          `<ListSubscriptionsByTopicResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><ListSubscriptionsByTopicResult><Subscriptions>${members}</Subscriptions>${next}</ListSubscriptionsByTopicResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></ListSubscriptionsByTopicResponse>`,
        );
        return;
      }
      calls.push(`unexpected ${request.method} ${request.url} ${body.slice(0, 100)}`);
      response.writeHead(400, { 'Content-Type': 'text/xml' });
      response.end('<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>not faked</Message></Error></ErrorResponse>');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
