export { OverdueCheckStatus, describeOverdueCheck } from './OverdueCheckStatus';
