import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { MikroORM } from '@mikro-orm/postgresql';
import { ErrorBody } from '../../../protocol/src/errors';
import { createApp, type AppDeps } from '../../../backend/src/app';
import { AuthService } from '../../../backend/src/auth/authService';
import { ormOptions } from '../../../backend/src/db/orm';
import type { OpenApiDocument } from '../../../backend/src/http/openapi/document';
import { ALL_ROUTES } from '../../../backend/src/http/openapi/routeSpecs';
import { buildRouter } from '../../../backend/src/http/routes';
import { createMetrics } from '../../../backend/src/observability/metrics';
import type { RunningServer } from '../../../backend/src/server';
import { SessionStore } from '../../../backend/src/sessions/sessionStore';
import { startTestServer, tempDir, testConfig, testLogger } from '../../support/backend';
import { TurnAudioArchive } from '../../../backend/src/replay/turnAudioArchive';
import { FsObjectStore } from '../../../backend/src/storage/fsObjectStore';
import { http as request, registerUser } from '../../support/client';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'];

function depsFor(orm: MikroORM): AppDeps {
  return {
    config: testConfig(), orm, log: testLogger, metrics: createMetrics(), auth: new AuthService(30), sessions: new SessionStore(),
    turnAudio: new TurnAudioArchive(new FsObjectStore(tempDir('mocktalk-objects-')), orm),
  };
}

/** Every `$ref` anywhere in a JSON value. */
function refs(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refs(v, into));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === '$ref' && typeof v === 'string') into.push(v);
      else refs(v, into);
    }
  }
  return into;
}

describe('REST platform', () => {
  let server: RunningServer;
  before(async () => { server = await startTestServer(); });
  after(() => server.close());

  describe('health and metrics', () => {
    it('/healthz answers ok', async () => {
      assert.deepEqual(await request(server.url, 'GET', '/healthz'), { status: 200, body: { status: 'ok' } });
    });

    it('/readyz answers ready while the database answers', async () => {
      assert.deepEqual(await request(server.url, 'GET', '/readyz'), { status: 200, body: { status: 'ready' } });
    });

    it('/readyz answers 503 internal when the database is unreachable', async () => {
      // Nothing listens on port 1; connect: false so init does not fail before the app exists.
      const orm = await MikroORM.init({ ...ormOptions('postgresql://mocktalk:x@127.0.0.1:1/none'), connect: false, pool: { min: 0, max: 1, acquireTimeoutMillis: 2000 } });
      const app = createApp(depsFor(orm));
      const listener = http.createServer(app.callback());
      await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
      try {
        const res = await request(`http://127.0.0.1:${(listener.address() as AddressInfo).port}`, 'GET', '/readyz');
        assert.equal(res.status, 503);
        assert.equal(ErrorBody.parse(res.body).error.code, 'internal');
      } finally {
        await new Promise((resolve) => listener.close(resolve));
        await orm.close(true);
      }
    });

    it('/metrics serves Prometheus text with the HTTP and WebSocket metrics', async () => {
      await request(server.url, 'GET', '/healthz');
      const res = await fetch(`${server.url}/metrics`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
      const text = await res.text();
      assert.match(text, /^# HELP mocktalk_http_request_duration_seconds /m);
      assert.match(text, /^mocktalk_http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} [1-9]/m);
      assert.match(text, /^mocktalk_ws_connections \d+$/m);
    });
  });

  describe('errors', () => {
    it('an unknown route is a 404 JSON error', async () => {
      const res = await request(server.url, 'GET', '/api/nothing-here');
      assert.equal(res.status, 404);
      assert.equal(ErrorBody.parse(res.body).error.code, 'not_found');
    });

    it('a known route with the wrong method is a 405 JSON error with an Allow header', async () => {
      const { token } = await registerUser(server.url, 'methods');
      for (const [method, path, allowed] of [['PATCH', '/api/me', 'GET'], ['PUT', '/api/sessions', 'POST'], ['GET', '/api/auth/login', 'POST']] as const) {
        const res = await fetch(server.url + path, { method, headers: { authorization: `Bearer ${token}` } });
        assert.equal(res.status, 405, `${method} ${path}`);
        assert.ok(res.headers.get('allow')?.split(', ').includes(allowed));
        const body = ErrorBody.parse(await res.json());
        assert.match(body.error.message, new RegExp(`${method} is not supported on ${path}`));
      }
    });
  });

  describe('/openapi.json', () => {
    let doc: OpenApiDocument;
    before(async () => {
      const res = await request<OpenApiDocument>(server.url, 'GET', '/openapi.json');
      assert.equal(res.status, 200);
      doc = res.body;
    });

    it('is an OpenAPI 3.1 document with a bearer security scheme', () => {
      assert.equal(doc.openapi, '3.1.0');
      assert.ok(doc.info.title && doc.info.version);
      const bearer = doc.components.securitySchemes.bearerAuth;
      assert.deepEqual([bearer?.type, bearer?.scheme], ['http', 'bearer']);
      for (const [path, item] of Object.entries(doc.paths)) {
        assert.match(path, /^\/[^:]*$/, `${path} uses {param} syntax`);
        for (const [method, op] of Object.entries(item)) {
          assert.ok(HTTP_METHODS.includes(method), method);
          assert.ok(op.operationId && op.summary && Object.keys(op.responses).length > 0, `${method} ${path}`);
          for (const param of path.match(/\{(\w+)\}/g) ?? []) {
            assert.ok(op.parameters?.some((p) => p.in === 'path' && `{${p.name}}` === param && p.required), `${method} ${path} documents ${param}`);
          }
        }
      }
    });

    it('every $ref resolves to a component schema', () => {
      const all = refs(doc);
      assert.ok(all.length > 10);
      for (const ref of all) {
        const name = ref.replace('#/components/schemas/', '');
        assert.ok(ref.startsWith('#/components/schemas/') && doc.components.schemas[name], `dangling ${ref}`);
      }
    });

    it('documents exactly the routes the router serves', () => {
      const router = buildRouter(depsFor(server.orm));
      const served = router.stack
        .flatMap((layer) => layer.methods.filter((m) => m !== 'HEAD').map((m) => `${m} ${String(layer.path).replace(/:(\w+)/g, '{$1}')}`))
        .sort();
      const documented = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`)).sort();
      assert.deepEqual(documented, served);
      assert.equal(served.length, ALL_ROUTES.length);
    });

    it('marks signed-in routes with bearer security and admin routes with 403', () => {
      assert.equal(doc.paths['/api/me']?.get?.security?.[0]?.bearerAuth?.length, 0);
      assert.equal(doc.paths['/api/auth/login']?.post?.security, undefined);
      assert.ok(doc.paths['/api/admin/problems/{slug}']?.delete?.responses['403']);
      assert.ok(doc.paths['/api/me']?.get?.responses['401']);
    });

    it('describes request bodies as zod input types and responses as output types', () => {
      const create = doc.paths['/api/sessions']?.post;
      assert.deepEqual(create?.requestBody?.content['application/json']?.schema, { $ref: '#/components/schemas/CreateSessionRequest' });
      const request = doc.components.schemas.CreateSessionRequest as { required?: string[]; properties: Record<string, { default?: unknown }> };
      assert.ok(!(request.required ?? []).includes('language'), 'language has a default, so clients may omit it');
      assert.equal(request.properties.language?.default, 'javascript');
      const query = doc.paths['/api/sessions']?.get?.parameters;
      assert.deepEqual(query?.map((p) => [p.name, p.in, p.required]), [['limit', 'query', false], ['before', 'query', false]]);
      const adminProblem = JSON.stringify(doc.components.schemas.AdminProblem);
      assert.match(adminProblem, /"required":\["args","expected","compare"\]/, 'a stored test case always has compare');
      const publicProblem = doc.components.schemas.ProblemPublic as { properties: Record<string, unknown> };
      assert.ok(!('testCases' in publicProblem.properties));
    });
  });
});
