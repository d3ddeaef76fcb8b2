import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { readCapaConfig } from './config';
import { DatabaseCapaStore } from './database/DatabaseCapaStore';
import { loadDemoData } from './demo/loadDemoData';
import { createRouter } from './router';
import { systemClock } from './service/Clock';
import { describeInstallation } from './service/describeInstallation';
import { PostmortemService } from './service/PostmortemService';

/**
 * The CAPA backend plugin: postmortems, CAPAs and their actions, under
 * /api/capa.
 *
 * @public
 */
export const capaPlugin = createBackendPlugin({
  pluginId: 'capa',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        catalog: catalogServiceRef,
      },
      async init({ config, database, httpAuth, httpRouter, logger, catalog }) {
        const capaConfig = readCapaConfig(config);
        const clock = systemClock;
        const store = await DatabaseCapaStore.create({ database });
        if (capaConfig.demoData) {
          await loadDemoData({ store, clock, logger });
        }

        httpRouter.use(
          await createRouter({
            httpAuth,
            postmortems: new PostmortemService({ store, catalog, clock }),
            installation: () => describeInstallation(capaConfig, clock),
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
