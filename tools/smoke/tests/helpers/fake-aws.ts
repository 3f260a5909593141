import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

interface FakeSubscription {
  protocol: string;
  endpoint: string;
  subscriptionArn: string;
}

export interface FakeAwsState {
  subscriptions: FakeSubscription[];
  queueDepth: { visible: number; inFlight: number };
  /** SSM parameters by name. */
  parameters?: Record<string, string>;
  /** Queue names GetQueueUrl knows; their URLs are on this server. */
  queues?: string[];
}

export interface FakeAws {
  url: string;
  /** The actions received, e.g. `SNS ListSubscriptionsByTopic arn:…`, `SQS GetQueueAttributes https://…`, `SSM GetParameters a,b`. */
  calls: string[];
  close(): Promise<void>;
}

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * SNS (query protocol, XML), SQS (JSON 1.0) and SSM (JSON 1.1) on one local port, answering the
 * calls the smoke test makes, so the real SDK clients run against it through their endpoint
 * settings. Subscriptions are served two per page, to make the client follow NextToken.
 */
export async function startFakeAws(state: FakeAwsState): Promise<FakeAws> {
  const calls: string[] = [];
  let url = '';
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const target = request.headers['x-amz-target'];
      const json = (status: number, version: string, answer: unknown) => {
        response.writeHead(status, { 'Content-Type': `application/x-amz-json-${version}` });
        response.end(JSON.stringify(answer));
      };
      if (target === 'AmazonSSM.GetParameters') {
        const { Names } = JSON.parse(body) as { Names: string[] };
        calls.push(`SSM GetParameters ${Names.join(',')}`);
        const known = state.parameters ?? {};
        json(200, '1.1', {
          Parameters: Names.filter((name) => name in known).map((name) => ({ Name: name, Type: 'String', Value: known[name] })),
          InvalidParameters: Names.filter((name) => !(name in known)),
        });
        return;
      }
      if (typeof target === 'string' && target.endsWith('.GetQueueUrl')) {
        const { QueueName } = JSON.parse(body) as { QueueName: string };
        calls.push(`SQS GetQueueUrl ${QueueName}`);
        if (!(state.queues ?? []).includes(QueueName)) {
          json(400, '1.0', { __type: 'com.amazonaws.sqs#QueueDoesNotExist', message: 'The specified queue does not exist.' });
        } else {
          json(200, '1.0', { QueueUrl: `${url}/000000000000/${QueueName}` });
        }
        return;
      }
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
  url = `http://127.0.0.1:${port}`;
  return {
    url,
    calls,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
