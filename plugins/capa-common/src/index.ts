/**
 * Types, API schemas and rules shared by the capa frontend and backend.
 *
 * @packageDocumentation
 */

export * from './calendarDate';
export * from './entityRefs';
export * from './installation';
export * from './pagination';
export * from './postmortem';
export * from './quarter';
