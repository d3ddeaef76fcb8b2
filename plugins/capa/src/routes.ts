import { createRouteRef } from '@backstage/core-plugin-api';

/** The CAPA owner board. */
export const boardRouteRef = createRouteRef({ id: 'capa:board' });

/** The quarterly quality review. */
export const reviewRouteRef = createRouteRef({ id: 'capa:review' });
