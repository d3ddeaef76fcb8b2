import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import {
  ACTION_STATUSES,
  ACTION_TRANSITIONS,
  actionTransitionRequestSchema,
  AGEING_BUCKETS,
  CAPA_SEVERITIES,
  CAPA_STATUSES,
  CAPA_TRANSITIONS,
  CAPA_TYPES,
  capaTransitionRequestSchema,
  createActionRequestSchema,
  createCapaRequestSchema,
  createPostmortemRequestSchema,
  DUE_STATES,
  listPostmortemsQuerySchema,
  MAX_PAGE_SIZE,
  newActionSchema,
  POSTMORTEM_CLASSIFICATIONS,
  POSTMORTEM_PRIORITIES,
  POSTMORTEM_STATUSES,
  postmortemStatusRequestSchema,
  reviewQuerySchema,
  updateActionRequestSchema,
  updateCapaRequestSchema,
  updatePostmortemRequestSchema,
  workListQuerySchema,
  workSummaryQuerySchema,
} from '@internal/backstage-plugin-capa-common';
import fs from 'fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { historyQuerySchema } from './http';
import { createRouter } from './index';

/**
 * Keeps openapi.yaml and the express router in step: the same routes, the
 * same headers and error statuses where the API promises them, and the same
 * enums, body fields and query parameters as the zod schemas of capa-common.
 */

type Schema = {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
};

type Parameter = {
  $ref?: string;
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
};

type Response = { $ref?: string; headers?: Record<string, unknown> };

type Operation = {
  operationId?: string;
  parameters?: Parameter[];
  responses?: Record<string, Response>;
  security?: unknown[];
};

type PathItem = { parameters?: Parameter[] } & Record<string, unknown>;

type OpenApiDocument = {
  openapi: string;
  servers?: Array<{ url: string }>;
  security?: Array<Record<string, unknown[]>>;
  paths: Record<string, PathItem>;
  components: {
    schemas: Record<string, Schema>;
    securitySchemes?: Record<string, { type: string; scheme?: string }>;
  } & Record<string, Record<string, unknown> | undefined>;
};

/** One documented operation, with its path-level and own parameters resolved. */
type DocumentedOperation = {
  key: string;
  method: string;
  path: string;
  operation: Operation;
  parameters: Parameter[];
  responses: Record<string, Response>;
};

/** What the test reads of an express layer (the types of express omit `methods`). */
type RouterLayer = {
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: RouterLayer[] };
  regexp?: { fast_slash?: boolean };
};

const HTTP_METHODS = [
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
];

function loadDocument(): OpenApiDocument {
  const file = resolvePackagePath(
    '@internal/backstage-plugin-capa-backend',
    'openapi.yaml',
  );
  return parse(fs.readFileSync(file, 'utf8')) as OpenApiDocument;
}

/** Follows a local `$ref` such as `#/components/schemas/CapaStatus`; undefined when it names nothing. */
function lookUp(doc: OpenApiDocument, ref: string): unknown {
  if (!ref.startsWith('#/')) {
    return undefined;
  }
  let node: unknown = doc;
  for (const part of ref.slice(2).split('/')) {
    const key = decodeURIComponent(part)
      .replace(/~1/g, '/')
      .replace(/~0/g, '~');
    if (
      typeof node !== 'object' ||
      node === null ||
      !Object.prototype.hasOwnProperty.call(node, key)
    ) {
      return undefined;
    }
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** An object with its `$ref`s followed, however many. */
function resolve<T extends { $ref?: string }>(
  doc: OpenApiDocument,
  value: T,
): T {
  let current = value;
  for (let depth = 0; current.$ref !== undefined; depth++) {
    const target = lookUp(doc, current.$ref);
    if (target === undefined || depth > 20) {
      throw new Error(`Unresolvable $ref '${current.$ref}'`);
    }
    current = target as T;
  }
  return current;
}

/** Every `$ref` in the document, with where it occurs. */
function refsOf(node: unknown, at = '#'): Array<{ ref: string; at: string }> {
  if (Array.isArray(node)) {
    return node.flatMap((item, index) => refsOf(item, `${at}/${index}`));
  }
  if (typeof node !== 'object' || node === null) {
    return [];
  }
  return Object.entries(node).flatMap(([key, value]) =>
    key === '$ref' && typeof value === 'string'
      ? [{ ref: value, at }]
      : refsOf(value, `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`),
  );
}

function documentedOperations(doc: OpenApiDocument): DocumentedOperation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    HTTP_METHODS.filter(method => item[method] !== undefined).map(method => {
      const operation = item[method] as Operation;
      const parameters = [
        ...(item.parameters ?? []),
        ...(operation.parameters ?? []),
      ].map(p => resolve(doc, p));
      const responses = Object.fromEntries(
        Object.entries(operation.responses ?? {}).map(([status, response]) => [
          status,
          resolve(doc, response),
        ]),
      );
      return {
        key: `${method.toUpperCase()} ${path}`,
        method,
        path,
        operation,
        parameters,
        responses,
      };
    }),
  );
}

/** The `METHOD /path` of every route in an express router, recursing into mounted routers. */
function servedRoutes(stack: RouterLayer[]): string[] {
  return stack.flatMap(layer => {
    if (layer.route) {
      const { path, methods } = layer.route;
      if (typeof path !== 'string') {
        throw new Error(
          `A route path that is not a string (${String(
            path,
          )}) cannot be compared with the document`,
        );
      }
      if (methods._all) {
        throw new Error(
          `router.all('${path}') cannot be compared with the document; use one route per method`,
        );
      }
      return Object.keys(methods)
        .filter(method => methods[method])
        .map(
          method =>
            `${method.toUpperCase()} ${path.replace(/:(\w+)/g, '{$1}')}`,
        );
    }
    if (layer.handle?.stack) {
      if (!layer.regexp?.fast_slash) {
        throw new Error(
          'A sub-router is mounted under a path prefix; teach this test to read the prefix',
        );
      }
      return servedRoutes(layer.handle.stack);
    }
    return [];
  });
}

async function collectServedRoutes(): Promise<string[]> {
  const router = await createRouter({
    httpAuth: mockServices.httpAuth(),
    // The services are never called: only the routes are listed. Empty stubs
    // stand in for them, cast because they implement nothing.
    postmortems: {} as any,
    capas: {} as any,
    actions: {} as any,
    review: {} as any,
    overdueCheck: {} as any,
    installation: () => ({
      timeZone: 'UTC',
      today: '2026-01-01',
      dueSoonDays: 7,
    }),
  });
  return servedRoutes((router as unknown as { stack: RouterLayer[] }).stack);
}

const sorted = (values: Iterable<string>) => [...values].sort();

/** A create: a POST to a collection. */
const isCreate = (op: DocumentedOperation) =>
  op.method === 'post' && !op.path.includes('{');

/** A write to one record at the version it was read at. */
const isVersionedWrite = (op: DocumentedOperation) =>
  op.method === 'patch' ||
  (op.method === 'post' && /\/(transitions|publish|archive)$/.test(op.path));

const isWrite = (op: DocumentedOperation) => op.method !== 'get';

const hasHeader = (op: DocumentedOperation, name: string) =>
  op.parameters.some(
    p => p.in === 'header' && p.name.toLowerCase() === name.toLowerCase(),
  );

/** The fields of a zod object that a client must send. */
function requiredFields(schema: z.ZodObject): string[] {
  const shape: Record<string, z.ZodType> = schema.shape;
  return Object.keys(shape).filter(
    key => !shape[key].safeParse(undefined).success,
  );
}

describe('openapi.yaml', () => {
  const doc = loadDocument();
  const operations = documentedOperations(doc);
  const byKey = new Map(operations.map(op => [op.key, op]));
  const schemas = doc.components.schemas;

  it('is an OpenAPI 3.0 document of /api/capa', () => {
    expect(doc.openapi).toBe('3.0.3');
    expect(doc.servers).toEqual([{ url: '/api/capa' }]);
  });

  it('documents exactly the routes the router serves', async () => {
    const served = sorted(new Set(await collectServedRoutes()));
    const documented = sorted(operations.map(op => op.key));
    expect(served.length).toBeGreaterThan(0);
    expect(documented).toEqual(served);
  });

  it('gives every operation a unique operationId and a 2xx response', () => {
    const problems = operations.flatMap(op => [
      ...(op.operation.operationId ? [] : [`${op.key}: no operationId`]),
      ...(Object.keys(op.responses).some(status => /^2\d\d$/.test(status))
        ? []
        : [`${op.key}: no 2xx response`]),
    ]);
    expect(problems).toEqual([]);
    const ids = operations.map(op => op.operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('answers creates with 201 and everything else with 200', () => {
    const problems = operations.flatMap(op => {
      const success = Object.keys(op.responses).filter(status =>
        /^2\d\d$/.test(status),
      );
      const expected = isCreate(op) ? ['201'] : ['200'];
      return JSON.stringify(success) === JSON.stringify(expected)
        ? []
        : [
            `${op.key}: ${success.join(', ')} instead of ${expected.join(
              ', ',
            )}`,
          ];
    });
    expect(problems).toEqual([]);
  });

  it('requires a Backstage bearer token everywhere but GET /health', () => {
    const schemes = doc.components.securitySchemes ?? {};
    expect(doc.security).toHaveLength(1);
    const [name] = Object.keys(doc.security![0]);
    expect(schemes[name]).toMatchObject({ type: 'http', scheme: 'bearer' });

    expect(byKey.get('GET /health')?.operation.security).toEqual([]);
    const problems = operations
      .filter(op => op.key !== 'GET /health')
      .flatMap(op => [
        ...(op.responses['401'] ? [] : [`${op.key}: no 401`]),
        ...(op.operation.security === undefined
          ? []
          : [`${op.key}: overrides the global security`]),
      ]);
    expect(problems).toEqual([]);
  });

  it('resolves every $ref to an existing component, and leaves no component unused', () => {
    const refs = refsOf(doc);
    expect(refs.length).toBeGreaterThan(0);
    const broken = refs
      .filter(
        ({ ref }) =>
          !ref.startsWith('#/components/') || lookUp(doc, ref) === undefined,
      )
      .map(({ ref, at }) => `${at}: ${ref}`);
    expect(broken).toEqual([]);

    const used = new Set(refs.map(({ ref }) => ref));
    const unused = Object.entries(doc.components)
      .filter(([kind]) => kind !== 'securitySchemes')
      .flatMap(([kind, entries]) =>
        Object.keys(entries ?? {}).map(name => `#/components/${kind}/${name}`),
      )
      .filter(ref => !used.has(ref));
    expect(unused).toEqual([]);
  });

  it('documents Idempotency-Key and 422 on every create', () => {
    const creates = operations.filter(isCreate);
    expect(sorted(creates.map(op => op.key))).toEqual([
      'POST /actions',
      'POST /capas',
      'POST /postmortems',
    ]);
    const problems = creates.flatMap(op => [
      ...(hasHeader(op, 'Idempotency-Key')
        ? []
        : [`${op.key}: no Idempotency-Key header`]),
      ...(op.responses['422'] ? [] : [`${op.key}: no 422`]),
      ...(op.responses['403'] ? [] : [`${op.key}: no 403`]),
      ...(op.responses['201']?.headers?.ETag
        ? []
        : [`${op.key}: no ETag on 201`]),
      ...(op.responses['201']?.headers?.['Idempotency-Replayed']
        ? []
        : [`${op.key}: no Idempotency-Replayed on 201`]),
    ]);
    expect(problems).toEqual([]);
  });

  it('documents If-Match and 409 on every versioned write', () => {
    const writes = operations.filter(isVersionedWrite);
    expect(writes.length).toBeGreaterThan(0);
    const problems = writes.flatMap(op => [
      ...(hasHeader(op, 'If-Match') ? [] : [`${op.key}: no If-Match header`]),
      ...(op.responses['409'] ? [] : [`${op.key}: no 409`]),
      ...(op.responses['200']?.headers?.ETag
        ? []
        : [`${op.key}: no ETag on 200`]),
    ]);
    expect(problems).toEqual([]);
  });

  it('documents 403 on every write and 404 on every read or write of one record', () => {
    const problems = operations.flatMap(op => [
      ...(isWrite(op) && !op.responses['403'] ? [`${op.key}: no 403`] : []),
      // A history of an unknown id is an empty page, not a 404.
      ...(op.path.includes('{id}') &&
      !op.path.endsWith('/history') &&
      !op.responses['404']
        ? [`${op.key}: no 404`]
        : []),
    ]);
    expect(problems).toEqual([]);
  });

  it('names the enums of capa-common', () => {
    const enumOf = (name: string) => resolve(doc, schemas[name] ?? {}).enum;
    expect(enumOf('CapaStatus')).toEqual([...CAPA_STATUSES]);
    expect(enumOf('ActionStatus')).toEqual([...ACTION_STATUSES]);
    expect(enumOf('CapaTransition')).toEqual(Object.keys(CAPA_TRANSITIONS));
    expect(enumOf('ActionTransition')).toEqual(Object.keys(ACTION_TRANSITIONS));
    expect(enumOf('PostmortemPriority')).toEqual([...POSTMORTEM_PRIORITIES]);
    expect(enumOf('PostmortemClassification')).toEqual([
      ...POSTMORTEM_CLASSIFICATIONS,
    ]);
    expect(enumOf('PostmortemStatus')).toEqual([...POSTMORTEM_STATUSES]);
    expect(enumOf('CapaType')).toEqual([...CAPA_TYPES]);
    expect(enumOf('CapaSeverity')).toEqual([...CAPA_SEVERITIES]);
    expect(enumOf('DueState')).toEqual([...DUE_STATES]);
    expect(enumOf('AgeingBucket')).toEqual([...AGEING_BUCKETS]);
    expect(enumOf('WorkStatusFilter')).toEqual([
      ...workListQuerySchema.shape.status.unwrap().options,
    ]);
  });

  it('documents the request bodies with the fields of the zod schemas', () => {
    const bodies: Array<[string, z.ZodObject, { versioned: boolean }]> = [
      [
        'CreatePostmortemRequest',
        createPostmortemRequestSchema,
        { versioned: false },
      ],
      [
        'PostmortemImprovement',
        newActionSchema.extend({ capaId: z.uuid() }),
        { versioned: false },
      ],
      [
        'UpdatePostmortemRequest',
        updatePostmortemRequestSchema,
        { versioned: true },
      ],
      [
        'PostmortemStatusRequest',
        postmortemStatusRequestSchema,
        { versioned: true },
      ],
      ['CreateCapaRequest', createCapaRequestSchema, { versioned: false }],
      ['UpdateCapaRequest', updateCapaRequestSchema, { versioned: true }],
      [
        'CapaTransitionRequest',
        capaTransitionRequestSchema,
        { versioned: true },
      ],
      ['CreateActionRequest', createActionRequestSchema, { versioned: false }],
      ['UpdateActionRequest', updateActionRequestSchema, { versioned: true }],
      [
        'ActionTransitionRequest',
        actionTransitionRequestSchema,
        { versioned: true },
      ],
    ];
    for (const [name, zodSchema, { versioned }] of bodies) {
      const schema = schemas[name];
      expect({ name, strict: schema?.additionalProperties }).toEqual({
        name,
        strict: false,
      });
      expect({
        name,
        fields: sorted(Object.keys(schema.properties ?? {})),
      }).toEqual({
        name,
        fields: sorted(Object.keys(zodSchema.shape)),
      });
      // If-Match can carry the version instead of the body.
      const required = requiredFields(zodSchema).filter(
        field => !(versioned && field === 'version'),
      );
      expect({ name, required: sorted(schema.required ?? []) }).toEqual({
        name,
        required: sorted(required),
      });
    }
  });

  it('documents the query parameters of the zod schemas, with their defaults and bounds', () => {
    const queries = new Map<string, z.ZodObject>([
      ['GET /postmortems', listPostmortemsQuerySchema],
      ['GET /capas', workListQuerySchema],
      ['GET /actions', workListQuerySchema],
      ['GET /actions/summary', workSummaryQuerySchema],
      ['GET /review', reviewQuerySchema],
      ['GET /postmortems/{id}/history', historyQuerySchema],
      ['GET /capas/{id}/history', historyQuerySchema],
      ['GET /actions/{id}/history', historyQuerySchema],
    ]);
    const documented = operations.map(op => {
      const query = op.parameters.filter(p => p.in === 'query');
      const limit = query.find(p => p.name === 'limit');
      const limitSchema = limit && resolve(doc, limit.schema ?? {});
      return {
        op: op.key,
        names: sorted(query.map(p => p.name)),
        required: sorted(query.filter(p => p.required).map(p => p.name)),
        limit: limitSchema && {
          default: limitSchema.default,
          minimum: limitSchema.minimum,
          maximum: limitSchema.maximum,
        },
      };
    });
    const parsed = operations.map(op => {
      const zodSchema = queries.get(op.key);
      const names = Object.keys(zodSchema?.shape ?? {});
      return {
        op: op.key,
        names: sorted(names),
        required: sorted(zodSchema ? requiredFields(zodSchema) : []),
        limit:
          zodSchema && names.includes('limit')
            ? {
                default: zodSchema.parse({}).limit,
                minimum: 1,
                maximum: MAX_PAGE_SIZE,
              }
            : undefined,
      };
    });
    expect(documented).toEqual(parsed);
  });
});
