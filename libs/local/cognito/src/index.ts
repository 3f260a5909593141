export * from './cognito-api';
export * from './local-cognito';
export * from './seed-user-pool';
export * from './errors';
