// Builds the OpenAPI 3.1 document from the route table and the protocol's zod schemas.
import { z } from 'zod';
import type { HttpMethod, ResponseSpec, RouteSpec } from './routeSpecs';

type JsonSchema = Record<string, unknown>;

export interface OpenApiOperation {
  operationId: string;
  summary: string;
  tags: string[];
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: 'path' | 'query'; required: boolean; schema: JsonSchema; description?: string }[];
  requestBody?: { required: true; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: JsonSchema }> }>;
}

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  jsonSchemaDialect: string;
  tags: { name: string }[];
  paths: Record<string, Partial<Record<HttpMethod, OpenApiOperation>>>;
  components: {
    schemas: Record<string, JsonSchema>;
    securitySchemes: Record<string, { type: 'http'; scheme: 'bearer'; description: string }>;
  };
}

export interface DocumentInput {
  routes: readonly RouteSpec[];
  /** Schemas parsed from requests (converted as zod *input* types: defaults make fields optional). */
  requestComponents: Record<string, z.ZodType>;
  /** Schemas sent in responses (converted as zod *output* types). */
  responseComponents: Record<string, z.ZodType>;
  version: string;
}

type Io = 'input' | 'output';
const COMPONENT_REF = (name: string) => `#/components/schemas/${name}`;
const SECURITY_SCHEME = 'bearerAuth';

/** Koa's `/api/sessions/:id` → OpenAPI's `/api/sessions/{id}`. */
export const openApiPath = (koaPath: string) => koaPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** Drops the keys that belong to a standalone JSON Schema document, not to an embedded one. */
function embedded(schema: JsonSchema): JsonSchema {
  const { $schema: _schema, $id: _id, ...rest } = schema;
  return rest;
}

class SchemaCatalog {
  private readonly names = new Map<z.ZodType, string>();
  readonly schemas: Record<string, JsonSchema> = {};

  constructor(private readonly io: Io, components: Record<string, z.ZodType>) {
    const registry = z.registry<{ id: string }>();
    for (const [name, schema] of Object.entries(components)) {
      registry.add(schema, { id: name });
      this.names.set(schema, name);
    }
    const { schemas } = z.toJSONSchema(registry, { target: 'draft-2020-12', io, uri: COMPONENT_REF });
    for (const [name, schema] of Object.entries(schemas)) this.schemas[name] = embedded(schema as JsonSchema);
  }

  /** A $ref for a named component, the inline schema otherwise. */
  ref(schema: z.ZodType): JsonSchema {
    const name = this.names.get(schema);
    return name ? { $ref: COMPONENT_REF(name) } : this.inline(schema);
  }

  inline(schema: z.ZodType): JsonSchema {
    return embedded(z.toJSONSchema(schema, { target: 'draft-2020-12', io: this.io }) as JsonSchema);
  }
}

function parameters(schema: z.ZodType, where: 'path' | 'query', catalog: SchemaCatalog): NonNullable<OpenApiOperation['parameters']> {
  const object = catalog.inline(schema) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property as JsonSchema & { description?: string };
    return {
      name, in: where, required: where === 'path' || (object.required ?? []).includes(name), schema: rest,
      ...(typeof description === 'string' ? { description } : {}),
    };
  });
}

/** Error answers every route can give, besides the ones it lists. */
function implicitErrors(route: RouteSpec): Record<number, ResponseSpec> {
  const errors: Record<number, ResponseSpec> = {};
  if (route.params || route.query || route.body) errors[400] = { description: 'Invalid path, query or body' };
  if (route.body) {
    errors[413] = { description: 'Body over 1 MiB' };
    errors[415] = { description: 'Body is not application/json' };
  }
  if (route.access !== 'public') errors[401] = { description: 'Missing, invalid or expired bearer token' };
  if (route.access === 'admin') errors[403] = { description: 'Caller is not an administrator' };
  return errors;
}

function operation(route: RouteSpec, requests: SchemaCatalog, responses: SchemaCatalog, errorBody: z.ZodType): OpenApiOperation {
  const allResponses = { ...implicitErrors(route), ...route.responses };
  const op: OpenApiOperation = {
    operationId: route.operationId,
    summary: route.summary,
    tags: [route.tag],
    responses: Object.fromEntries(Object.entries(allResponses).map(([status, response]) => {
      const schema = response.schema ?? (Number(status) >= 400 ? errorBody : undefined);
      const content = schema ? { [response.contentType ?? 'application/json']: { schema: responses.ref(schema) } } : undefined;
      return [status, { description: response.description, ...(content ? { content } : {}) }];
    })),
  };
  if (route.access !== 'public') op.security = [{ [SECURITY_SCHEME]: [] }];
  const params = [
    ...(route.params ? parameters(route.params, 'path', requests) : []),
    ...(route.query ? parameters(route.query, 'query', requests) : []),
  ];
  if (params.length) op.parameters = params;
  if (route.body) op.requestBody = { required: true, content: { 'application/json': { schema: requests.ref(route.body) } } };
  return op;
}

export function buildOpenApiDocument(input: DocumentInput): OpenApiDocument {
  const clash = Object.keys(input.requestComponents).filter((name) => name in input.responseComponents);
  if (clash.length) throw new Error(`Component names used for both requests and responses: ${clash.join(', ')}`);
  const errorBody = input.responseComponents.ErrorBody;
  if (!errorBody) throw new Error('responseComponents must include ErrorBody');

  const requests = new SchemaCatalog('input', input.requestComponents);
  const responses = new SchemaCatalog('output', input.responseComponents);
  const paths: OpenApiDocument['paths'] = {};
  for (const route of input.routes) {
    const path = (paths[openApiPath(route.path)] ??= {});
    if (path[route.method]) throw new Error(`Route ${route.method.toUpperCase()} ${route.path} is declared twice`);
    path[route.method] = operation(route, requests, responses, errorBody);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Mocktalk API',
      version: input.version,
      description: 'Accounts, the question bank and interview sessions. Live interviews run over the /ws WebSocket.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    tags: [...new Set(input.routes.map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: { ...requests.schemas, ...responses.schemas },
      securitySchemes: {
        [SECURITY_SCHEME]: { type: 'http', scheme: 'bearer', description: 'The token from /api/auth/register or /api/auth/login' },
      },
    },
  };
}
