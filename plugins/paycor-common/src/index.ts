/**
 * Shared types, annotation keys, HTTP API shapes and permissions of the
 * Paycor catalog sync.
 *
 * @packageDocumentation
 */
export * from './permissions';
