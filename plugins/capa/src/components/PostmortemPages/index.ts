export {
  PostmortemListPage,
  PostmortemPage,
  PostmortemFormPage,
} from './stubs';
