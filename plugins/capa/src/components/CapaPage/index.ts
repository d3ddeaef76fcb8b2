export { CapaPage } from './CapaPage';
