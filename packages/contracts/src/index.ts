export * from './audit';
export * from './auth';
export * from './common';
export * from './errors';
export * from './org';
export * from './password';
export * from './permissions';
export * from './routes';
