export { EntityCapaCard } from './EntityCapaCard';
