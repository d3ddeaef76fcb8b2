export {
  capaPlugin,
  EntityCapaContent,
  CapaBoardPage,
  CapaReviewPage,
} from './plugin';
export * from './api';
