export * from './images';
export * from './heic-fixtures';
export * from './face-set';
