// GET /openapi.json, generated from the route table.
import { buildOpenApiDocument, type OpenApiDocument } from '../openapi/document';
import { ALL_ROUTES, API_VERSION, REQUEST_COMPONENTS, RESPONSE_COMPONENTS, ROUTES } from '../openapi/routeSpecs';
import type { RouteKit } from './mount';

export function openApiDocument(): OpenApiDocument {
  return buildOpenApiDocument({
    routes: ALL_ROUTES, requestComponents: REQUEST_COMPONENTS, responseComponents: RESPONSE_COMPONENTS, version: API_VERSION,
  });
}

export function openApiRoutes({ route }: RouteKit): void {
  let document: OpenApiDocument | null = null; // built on first request, then reused
  route(ROUTES.openapi, (ctx) => {
    ctx.body = (document ??= openApiDocument());
  });
}
