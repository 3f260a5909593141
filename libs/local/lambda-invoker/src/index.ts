export { DeadLetterFolder, type ClaimedDeadLetter } from './dead-letter-folder';
export { DurableInvoker } from './durable-invoker';
export { LOCAL_ACCOUNT_ID, invokeOnce, type LambdaHandler, type LocalFunction } from './invoke';
export { createLambdaInvokeApi } from './lambda-invoke-api';
export { processAlive } from './process-alive';
