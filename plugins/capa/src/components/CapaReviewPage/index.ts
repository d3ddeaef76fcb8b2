export { CapaReviewPage } from './CapaReviewPage';
