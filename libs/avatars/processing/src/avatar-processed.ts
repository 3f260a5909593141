import type { AvatarProcessedMessage, AvatarRejectedMessage, AvatarUploadOutcomeMessage } from '@cruddur/shared/contract';

/** The messages and their renditions, defined by the contract. */
export type { AvatarProcessedMessage, AvatarRejectedMessage, AvatarUploadOutcomeMessage };

/** Where upload outcomes ("avatar processed" or "avatar rejected") go: SNS in AWS, a direct call in the local stack. */
export interface AvatarProcessedPublisher {
  publish(message: AvatarUploadOutcomeMessage): Promise<void>;
}
