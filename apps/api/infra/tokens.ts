/** Injection tokens for values that are not classes. */
export const ENV = Symbol('ENV');
export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');
