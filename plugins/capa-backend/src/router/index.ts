import { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  actionTransitionRequestSchema,
  CapaInstallationInfo,
  capaTransitionRequestSchema,
  createActionRequestSchema,
  createCapaRequestSchema,
  reviewQuerySchema,
  updateActionRequestSchema,
  updateCapaRequestSchema,
  workSummaryQuerySchema,
} from '@internal/backstage-plugin-capa-common';
import express from 'express';
import Router from 'express-promise-router';
import { ActionService } from '../service/ActionService';
import { CapaService } from '../service/CapaService';
import { OverdueCheck } from '../service/OverdueCheck';
import { PostmortemService } from '../service/PostmortemService';
import { ReviewService } from '../service/ReviewService';
import { parseInput } from '../validation';
import { postmortemRoutes } from './postmortemRoutes';
import { workItemRoutes } from './workItemRoutes';

/**
 * The REST API under /api/capa (described in openapi.yaml). Routes parse
 * their input and delegate; the rules live in the services.
 */
export async function createRouter(deps: {
  httpAuth: HttpAuthService;
  postmortems: PostmortemService;
  capas: CapaService;
  actions: ActionService;
  review: ReviewService;
  overdueCheck: Pick<OverdueCheck, 'status'>;
  installation: () => CapaInstallationInfo;
}): Promise<express.Router> {
  const { httpAuth } = deps;
  const router = Router();
  router.use(express.json({ limit: '256kb' }));

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/info', async (req, res) => {
    await httpAuth.credentials(req);
    res.json(deps.installation());
  });

  router.use(postmortemRoutes({ httpAuth, postmortems: deps.postmortems }));
  // Before /actions/:id, which would take "summary" for an id.
  router.get('/actions/summary', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const query = parseInput(workSummaryQuerySchema, req.query, 'query');
    res.json(await deps.actions.summary({ ...query, limit: 1 }, credentials));
  });
  router.use(
    workItemRoutes({
      path: '/capas',
      httpAuth,
      service: deps.capas,
      schemas: {
        create: createCapaRequestSchema,
        update: updateCapaRequestSchema,
        transition: capaTransitionRequestSchema,
      },
    }),
  );
  router.use(
    workItemRoutes({
      path: '/actions',
      httpAuth,
      service: deps.actions,
      schemas: {
        create: createActionRequestSchema,
        update: updateActionRequestSchema,
        transition: actionTransitionRequestSchema,
      },
    }),
  );

  router.get('/overdue-check', async (req, res) => {
    await httpAuth.credentials(req);
    res.json(await deps.overdueCheck.status());
  });

  router.get('/review', async (req, res) => {
    await httpAuth.credentials(req);
    const { quarter } = parseInput(reviewQuerySchema, req.query, 'query');
    res.json(await deps.review.review(quarter));
  });

  return router;
}
