export { CapaBoardPage } from './CapaBoardPage';
