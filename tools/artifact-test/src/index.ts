export * from './errors';
export * from './runtimes';
export * from './lambda-process';
export * from './postgres-wire';
export * from './elf-version-needs';
