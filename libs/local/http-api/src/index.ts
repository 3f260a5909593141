export * from './http-api-gateway';
export * from './request-event';
export * from './routes';
