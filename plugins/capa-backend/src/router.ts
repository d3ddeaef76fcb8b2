import { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  CapaInstallationInfo,
  createPostmortemRequestSchema,
  listPostmortemsQuerySchema,
} from '@internal/backstage-plugin-capa-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { PostmortemService } from './service/PostmortemService';
import { parseInput } from './validation';

const idParamsSchema = z.object({ id: z.uuid() });

/**
 * The REST API under /api/capa. Routes parse their input and delegate; the
 * rules live in the services.
 */
export async function createRouter(deps: {
  httpAuth: HttpAuthService;
  postmortems: PostmortemService;
  installation: () => CapaInstallationInfo;
}): Promise<express.Router> {
  const { httpAuth, postmortems } = deps;
  const router = Router();
  router.use(express.json({ limit: '256kb' }));

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/info', async (req, res) => {
    await httpAuth.credentials(req);
    res.json(deps.installation());
  });

  router.get('/postmortems', async (req, res) => {
    await httpAuth.credentials(req);
    const query = parseInput(listPostmortemsQuerySchema, req.query, 'query');
    res.json(await postmortems.list(query));
  });

  router.get('/postmortems/:id', async (req, res) => {
    await httpAuth.credentials(req);
    const { id } = parseInput(idParamsSchema, req.params, 'path');
    res.json(await postmortems.get(id));
  });

  router.post('/postmortems', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const body = parseInput(createPostmortemRequestSchema, req.body, 'body');
    res.status(201).json(await postmortems.create(body, credentials));
  });

  return router;
}
