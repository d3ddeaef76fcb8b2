import {
  BackstageCredentials,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import {
  HistoryEntry,
  Page,
  workListQuerySchema,
  WorkListQuery,
} from '@internal/backstage-plugin-capa-common';
import Router from 'express-promise-router';
import { z } from 'zod';
import { PageRequest } from '../database/CapaStore';
import { CreateResult } from '../service/idempotency';
import { UserCredentials } from '../service/ServiceContext';
import { parseInput } from '../validation';
import {
  historyQuerySchema,
  idempotencyKeyOf,
  idOf,
  sendCreated,
  sendRecord,
  userCredentials,
  versionedBody,
} from './http';

/** What CAPA records and actions both offer: the service behind their routes. */
export interface WorkItemService<T, Create, Update, Transition> {
  list(
    query: WorkListQuery,
    credentials: BackstageCredentials,
  ): Promise<Page<T>>;
  get(id: string): Promise<T>;
  history(id: string, page: PageRequest): Promise<Page<HistoryEntry>>;
  create(
    request: Create,
    credentials: UserCredentials,
    idempotencyKey?: string,
  ): Promise<CreateResult<T>>;
  update(id: string, request: Update, credentials: UserCredentials): Promise<T>;
  transition(
    id: string,
    request: Transition,
    credentials: UserCredentials,
  ): Promise<T>;
}

/**
 * The routes of a work item under `path` (/capas or /actions): list, create,
 * read, update and move through the lifecycle, and the history.
 */
export function workItemRoutes<
  T extends { version: number },
  Create,
  Update,
  Transition,
>(options: {
  path: string;
  httpAuth: HttpAuthService;
  service: WorkItemService<T, Create, Update, Transition>;
  schemas: {
    create: z.ZodType<Create>;
    update: z.ZodType<Update>;
    transition: z.ZodType<Transition>;
  };
}) {
  const { path, httpAuth, service, schemas } = options;
  const router = Router();

  router.get(path, async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const query = parseInput(workListQuerySchema, req.query, 'query');
    res.json(await service.list(query, credentials));
  });

  router.post(path, async (req, res) => {
    const credentials = await userCredentials(httpAuth, req);
    const body = parseInput(schemas.create, req.body, 'body');
    sendCreated(
      res,
      await service.create(body, credentials, idempotencyKeyOf(req)),
    );
  });

  router.get(`${path}/:id`, async (req, res) => {
    await httpAuth.credentials(req);
    sendRecord(res, await service.get(idOf(req)));
  });

  router.patch(`${path}/:id`, async (req, res) => {
    const credentials = await userCredentials(httpAuth, req);
    const id = idOf(req);
    const body = parseInput(schemas.update, versionedBody(req), 'body');
    sendRecord(res, await service.update(id, body, credentials));
  });

  router.post(`${path}/:id/transitions`, async (req, res) => {
    const credentials = await userCredentials(httpAuth, req);
    const id = idOf(req);
    const body = parseInput(schemas.transition, versionedBody(req), 'body');
    sendRecord(res, await service.transition(id, body, credentials));
  });

  router.get(`${path}/:id/history`, async (req, res) => {
    await httpAuth.credentials(req);
    const id = idOf(req);
    res.json(
      await service.history(
        id,
        parseInput(historyQuerySchema, req.query, 'query'),
      ),
    );
  });

  return router;
}
