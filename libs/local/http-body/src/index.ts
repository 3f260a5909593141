export { BodyLimitExceeded } from './errors';
export { headerValue, readBody } from './http-body';
