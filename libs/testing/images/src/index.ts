export * from './images';
export * from './heic-fixtures';
