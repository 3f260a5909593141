import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { AvatarProcessedMessage, AvatarRejectedMessage } from '@cruddur/shared/contract';
import { snsAvatarProcessedPublisher } from '../../src/sns-publisher';

// No SNS emulator runs here, so the client's transport is replaced to see what would be sent.
describe('snsAvatarProcessedPublisher', () => {
  const message: AvatarProcessedMessage = {
    type: 'avatar.processed',
    schemaVersion: 1,
    sub: 'u-1',
    version: '1767225600000-9f86d081884c7d65',
    uploadKey: 'uploads/avatars/u-1/1767225600000-9f86d081884c7d65.jpg',
    uploadedAt: '2026-01-01T00:00:00.000Z',
    processedAt: '2026-01-01T00:00:01.000Z',
    renditions: [{ size: 128, format: 'webp', contentType: 'image/webp', key: 'avatars/u-1/1767225600000-9f86d081884c7d65/128.webp' }],
  };

  it('publishes the message as JSON with its type as an attribute', async () => {
    const sns = new SNSClient({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
    const send = jest.spyOn(sns, 'send').mockResolvedValue({ MessageId: 'm-1' } as never);
    await snsAvatarProcessedPublisher(sns, 'arn:aws:sns:us-east-1:123456789012:avatar-processed').publish(message);
    const command = send.mock.calls[0]![0] as PublishCommand;
    expect(command).toBeInstanceOf(PublishCommand);
    expect(command.input.TopicArn).toBe('arn:aws:sns:us-east-1:123456789012:avatar-processed');
    expect(JSON.parse(command.input.Message!)).toEqual(message);
    expect(command.input.MessageAttributes).toEqual({ type: { DataType: 'String', StringValue: 'avatar.processed' } });
  });

  it('publishes a rejection on the same topic, with its own type for subscription filters', async () => {
    const sns = new SNSClient({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
    const send = jest.spyOn(sns, 'send').mockResolvedValue({ MessageId: 'm-2' } as never);
    const rejected: AvatarRejectedMessage = {
      type: 'avatar.rejected',
      schemaVersion: 1,
      sub: message.sub,
      version: message.version,
      uploadKey: message.uploadKey,
      uploadedAt: message.uploadedAt,
      rejectedAt: '2026-01-01T00:00:01.000Z',
      reason: 'unsupported-type',
    };
    await snsAvatarProcessedPublisher(sns, 'arn:aws:sns:us-east-1:123456789012:avatar-processed').publish(rejected);
    const command = send.mock.calls[0]![0] as PublishCommand;
    expect(JSON.parse(command.input.Message!)).toEqual(rejected);
    expect(command.input.MessageAttributes).toEqual({ type: { DataType: 'String', StringValue: 'avatar.rejected' } });
  });

  it('lets a failed publish surface, so the event is retried', async () => {
    const sns = new SNSClient({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
    jest.spyOn(sns, 'send').mockRejectedValue(new Error('Throttling') as never);
    await expect(snsAvatarProcessedPublisher(sns, 'arn:x').publish(message)).rejects.toThrow('Throttling');
  });
});
