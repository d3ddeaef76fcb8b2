export { capaPlugin as default } from './plugin';
