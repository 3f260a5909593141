import type { AvatarProcessedMessage, AvatarRejectedMessage } from '@cruddur/shared/contract';
import type { AvatarProcessedPublisher } from '../../src';

/** A publisher that keeps what the handler announces, by type, for the test to read (and clear). */
export function recordingPublisher(): { publisher: AvatarProcessedPublisher; published: AvatarProcessedMessage[]; rejected: AvatarRejectedMessage[] } {
  const published: AvatarProcessedMessage[] = [];
  const rejected: AvatarRejectedMessage[] = [];
  const publisher: AvatarProcessedPublisher = {
    publish: async (message) => void (message.type === 'avatar.processed' ? published.push(message) : rejected.push(message)),
  };
  return { publisher, published, rejected };
}
