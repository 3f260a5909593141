export * from './errors';
export * from './content-types';
export * from './presign';
export * from './presign-handler';
