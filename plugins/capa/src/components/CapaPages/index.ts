export { CapaPages } from './CapaPages';
