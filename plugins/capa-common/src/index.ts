/**
 * Types, API schemas and rules shared by the capa frontend and backend.
 *
 * @packageDocumentation
 */

export * from './action';
export * from './calendarDate';
export * from './capa';
export * from './dueState';
export * from './entityRefs';
export * from './history';
export * from './installation';
export * from './lifecycle';
export * from './overdueCheck';
export * from './pagination';
export * from './permissions';
export * from './postmortem';
export * from './quarter';
export * from './review';
