export { RecordHistory } from './RecordHistory';
