export { customResourceEvent } from './cloudformation';
export {
  authorizerEvent,
  httpApiAuthorizerEvent,
  httpApiEvent,
  httpApiProxyEvent,
  type HttpApiIdentity,
  type HttpApiRequestParts,
} from './http-api';
export { invocationContext, lambdaContext, type LambdaFunctionIdentity } from './lambda-context';
export { functionErrorPayload, onFailureRecord, type OnFailureRecord } from './on-failure';
export { objectCreatedEvent, s3Event, s3EventRecord, type ObjectCreatedEventName } from './s3';
export { encodeS3EventKey } from './s3-event-key';
export { snsEvent, snsNotification } from './sns';
