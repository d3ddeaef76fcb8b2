export {
  capaPlugin,
  EntityCapaContent,
  EntityCapaCard,
  CapaBoardPage,
  CapaReviewPage,
} from './plugin';
export * from './api';
