export * from './roles.js';
export * from './clock.js';
export * from './domain.js';
export * from './changes.js';
export * from './errors.js';
export * from './methods.js';
export * from './api.js';
export * from './bridge.js';
