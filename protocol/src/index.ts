export * from './domain';
export * from './api';
export * from './errors';
export * from './limits';
export * from './session';
export * from './webview';
export * from './testRun';
export * from './audio';
