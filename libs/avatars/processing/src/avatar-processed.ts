import type { AvatarProcessedMessage, AvatarRenditionRef } from '@cruddur/shared/contract';

/** The message and its renditions, defined by the contract. */
export type { AvatarProcessedMessage, AvatarRenditionRef };

/** Where "avatar processed" messages go (SNS in AWS; a direct call in the local stack). */
export interface AvatarProcessedPublisher {
  publish(message: AvatarProcessedMessage): Promise<void>;
}
