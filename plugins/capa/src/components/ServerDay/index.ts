export { ServerDay } from './ServerDay';
