/**
 * Shared types, annotation keys, HTTP API shapes and permissions of the
 * Paycor catalog sync.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './api';
export * from './conflicts';
export * from './orgChart';
export * from './people';
export * from './permissions';
export * from './reportingLines';
export * from './schemas';
