export { MoveDialog, needsDialog } from './MoveDialog';
export type { MoveInput } from './MoveDialog';
