import { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  createPostmortemRequestSchema,
  listPostmortemsQuerySchema,
  postmortemStatusRequestSchema,
  updatePostmortemRequestSchema,
} from '@internal/backstage-plugin-capa-common';
import Router from 'express-promise-router';
import { PostmortemService } from '../service/PostmortemService';
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

/** Routes under /postmortems. */
export function postmortemRoutes(deps: {
  httpAuth: HttpAuthService;
  postmortems: PostmortemService;
}) {
  const { httpAuth, postmortems } = deps;
  const router = Router();

  router.get('/postmortems', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const query = parseInput(listPostmortemsQuerySchema, req.query, 'query');
    res.json(await postmortems.list(query, credentials));
  });

  router.post('/postmortems', async (req, res) => {
    const credentials = await userCredentials(httpAuth, req);
    const body = parseInput(createPostmortemRequestSchema, req.body, 'body');
    sendCreated(
      res,
      await postmortems.create(body, credentials, idempotencyKeyOf(req)),
    );
  });

  router.get('/postmortems/:id', async (req, res) => {
    await httpAuth.credentials(req);
    sendRecord(res, await postmortems.get(idOf(req)));
  });

  router.patch('/postmortems/:id', async (req, res) => {
    const credentials = await userCredentials(httpAuth, req);
    const id = idOf(req);
    const body = parseInput(
      updatePostmortemRequestSchema,
      versionedBody(req),
      'body',
    );
    sendRecord(res, await postmortems.update(id, body, credentials));
  });

  // Publishing and archiving are the postmortem's only moves; nothing deletes.
  for (const [move, status] of [
    ['publish', 'published'],
    ['archive', 'archived'],
  ] as const) {
    router.post(`/postmortems/:id/${move}`, async (req, res) => {
      const credentials = await userCredentials(httpAuth, req);
      const id = idOf(req);
      const body = parseInput(
        postmortemStatusRequestSchema,
        versionedBody(req),
        'body',
      );
      sendRecord(
        res,
        await postmortems.setStatus(id, status, body, credentials),
      );
    });
  }

  router.get('/postmortems/:id/history', async (req, res) => {
    await httpAuth.credentials(req);
    const id = idOf(req);
    res.json(
      await postmortems.history(
        id,
        parseInput(historyQuerySchema, req.query, 'query'),
      ),
    );
  });

  return router;
}
