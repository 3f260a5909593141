import { RemovalPolicy, type StackProps } from 'aws-cdk-lib';
import type { AvatarsConfig } from '../config';

export interface AvatarsStackProps extends StackProps {
  readonly config: AvatarsConfig;
}

export interface FunctionStackProps extends AvatarsStackProps {
  /** Directory with the function's Nx build output (`index.js` exporting `handler`). */
  readonly assetDir: string;
}

/**
 * Data and logs survive a stack deletion unless the stage is a dev stage. Never plain RETAIN: a
 * resource kept after a failed create would make the retry fail on its fixed name ("already
 * exists"); RetainExceptOnCreate deletes what a rolled-back create made and keeps everything else.
 */
export function removalPolicyOf(config: Pick<AvatarsConfig, 'devStage'>): RemovalPolicy {
  return config.devStage ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE;
}
