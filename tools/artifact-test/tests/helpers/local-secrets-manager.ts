import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A Secrets Manager endpoint on loopback answering `GetSecretValue` (JSON 1.1 protocol) for the secrets it holds. */
export interface LocalSecretsManager {
  /** For the functions' `AWS_ENDPOINT_URL_SECRETS_MANAGER`. */
  endpoint: string;
  /** The secret ids asked for, in order. */
  requested: string[];
  close(): Promise<void>;
}

export async function startLocalSecretsManager(secrets: Readonly<Record<string, string>>): Promise<LocalSecretsManager> {
  const requested: string[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const answer = (status: number, body: unknown) =>
        response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify(body));
      if (request.headers['x-amz-target'] !== 'secretsmanager.GetSecretValue') {
        answer(400, { __type: 'InvalidRequestException', message: `unsupported ${request.headers['x-amz-target']}` });
        return;
      }
      const { SecretId } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { SecretId: string };
      requested.push(SecretId);
      const secret = secrets[SecretId];
      if (secret === undefined) {
        answer(400, { __type: 'ResourceNotFoundException', message: "Secrets Manager can't find the specified secret." });
        return;
      }
      answer(200, { ARN: SecretId, Name: SecretId.split(':').pop(), SecretString: secret, VersionId: 'v1', VersionStages: ['AWSCURRENT'], CreatedDate: 1764547200 });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requested,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
