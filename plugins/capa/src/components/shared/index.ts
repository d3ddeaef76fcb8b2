export { DueStateChip, StatusChip } from './chips';
export { errorMessage, isConflict } from './errors';
export { useSave } from './useSave';
export { nameOf, useMove } from './useMove';
export type { WorkItem } from './useMove';
export { useActionColumns } from './actionColumns';
export { SaveDialogActions } from './SaveDialogActions';
