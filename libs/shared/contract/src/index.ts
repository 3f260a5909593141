export * from './limits';
export * from './profile-text';
export * from './identity';
export * from './api-errors';
export * from './avatar-upload';
export * from './profile';
export * from './routes';
export * from './function-sizing';
