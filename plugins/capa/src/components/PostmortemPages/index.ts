export { PostmortemListPage } from './PostmortemListPage';
export { PostmortemPage } from './PostmortemPage';
export { PostmortemFormPage } from './PostmortemFormPage';
