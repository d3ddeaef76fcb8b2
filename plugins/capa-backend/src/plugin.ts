import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import { capaPermissions } from '@internal/backstage-plugin-capa-common';
import { readCapaConfig } from './config';
import { DatabaseCapaStore } from './database/DatabaseCapaStore';
import { loadDemoData } from './demo/loadDemoData';
import { capaPermissionResourceRef, isOwnerRule } from './permissions/rules';
import { createRouter } from './router';
import { AccessControl } from './service/AccessControl';
import { ActionService } from './service/ActionService';
import { CapaService } from './service/CapaService';
import { CatalogLookup } from './service/CatalogLookup';
import { systemClock } from './service/Clock';
import { describeInstallation } from './service/describeInstallation';
import { DueDates } from './service/DueDates';
import { OVERDUE_CHECK_TASK, OverdueCheck } from './service/OverdueCheck';
import { PostmortemService } from './service/PostmortemService';
import { ReviewService } from './service/ReviewService';
import { ServiceContext } from './service/ServiceContext';

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
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        userInfo: coreServices.userInfo,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
        notifications: notificationService,
      },
      async init(deps) {
        const capaConfig = readCapaConfig(deps.config);
        const clock = systemClock;
        const store = await DatabaseCapaStore.create({
          database: deps.database,
        });

        deps.permissionsRegistry.addResourceType({
          resourceRef: capaPermissionResourceRef,
          permissions: capaPermissions,
          rules: [isOwnerRule],
          getResources: refs => store.ownersOf(refs),
        });

        const ctx: ServiceContext = {
          store,
          catalog: new CatalogLookup(deps.catalog),
          access: new AccessControl({
            permissions: deps.permissions,
            applyConditions: createConditionAuthorizer(
              deps.permissionsRegistry.getPermissionRuleset(
                capaPermissionResourceRef,
              ),
            ),
          }),
          dueDates: new DueDates(capaConfig, clock),
          userInfo: deps.userInfo,
          closeRequiresActionsFinished: capaConfig.closeRequiresActionsFinished,
        };
        const actions = new ActionService(ctx);
        const capas = new CapaService(ctx);
        const postmortems = new PostmortemService(ctx, actions);

        const overdueCheck = new OverdueCheck({
          store,
          dueDates: ctx.dueDates,
          dueSoonDays: capaConfig.dueSoonDays,
          notifications: deps.notifications,
          logger: deps.logger,
        });
        await deps.scheduler.scheduleTask({
          id: OVERDUE_CHECK_TASK,
          // One backend runs it at a time, however many replicas there are.
          scope: 'global',
          ...capaConfig.overdueCheckSchedule,
          fn: async () => {
            await overdueCheck.run();
          },
        });

        if (capaConfig.demoData) {
          await loadDemoData({
            store,
            dueDates: ctx.dueDates,
            logger: deps.logger,
          });
        }

        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            postmortems,
            capas,
            actions,
            review: new ReviewService({ store, dueDates: ctx.dueDates }),
            overdueCheck,
            installation: () => describeInstallation(capaConfig, clock),
          }),
        );
        deps.httpRouter.addAuthPolicy({
          path: '/health',
          allow: 'unauthenticated',
        });
      },
    });
  },
});
