export * from './errors';
export * from './content-types';
export * from './upload-request';
export * from './presign';
export * from './presign-handler';
