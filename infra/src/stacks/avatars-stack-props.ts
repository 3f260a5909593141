import { RemovalPolicy, type StackProps } from 'aws-cdk-lib';
import type { AvatarsConfig } from '../config';

export interface AvatarsStackProps extends StackProps {
  readonly config: AvatarsConfig;
}

export interface FunctionStackProps extends AvatarsStackProps {
  /** Directory with the function's Nx build output (`index.js` exporting `handler`). */
  readonly assetDir: string;
}

/** Data and logs survive a stack deletion unless the stage is explicitly a dev stage. */
export function removalPolicyOf(config: AvatarsConfig): RemovalPolicy {
  return config.devStage ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;
}
