export { DueStateChip, StatusChip } from './chips';
export { errorMessage, isConflict } from './errors';
export { useSave } from './useSave';
