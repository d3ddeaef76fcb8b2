import { createRouteRef, createSubRouteRef } from '@backstage/core-plugin-api';

/** The CAPA owner board, and under it the CAPA and postmortem pages. */
export const boardRouteRef = createRouteRef({ id: 'capa:board' });

/** One CAPA record: details, actions, postmortems, effectiveness, history. */
export const capaRouteRef = createSubRouteRef({
  id: 'capa:capa',
  parent: boardRouteRef,
  path: '/capas/:id',
});

/** The list of postmortems. */
export const postmortemsRouteRef = createSubRouteRef({
  id: 'capa:postmortems',
  parent: boardRouteRef,
  path: '/postmortems',
});

/** A new postmortem. */
export const newPostmortemRouteRef = createSubRouteRef({
  id: 'capa:postmortem-new',
  parent: boardRouteRef,
  path: '/postmortems/new',
});

/** One postmortem. */
export const postmortemRouteRef = createSubRouteRef({
  id: 'capa:postmortem',
  parent: boardRouteRef,
  path: '/postmortems/:id',
});

/** Editing one postmortem. */
export const editPostmortemRouteRef = createSubRouteRef({
  id: 'capa:postmortem-edit',
  parent: boardRouteRef,
  path: '/postmortems/:id/edit',
});

/** The quarterly quality review. */
export const reviewRouteRef = createRouteRef({ id: 'capa:review' });
