export { EntityCapaContent } from './EntityCapaContent';
