// A local S3-compatible server for tests (127.0.0.1, port 0), path-style: PUT/GET/DELETE /<bucket>/<key>.
// Every request's SigV4 signature is recomputed from what arrived (method, path, signed headers, body hash)
// and compared; a wrong key, a tampered body or a stale date gets S3's 403 answer. GET honours Range.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseAuthorization, sha256Hex, signature, type Credentials } from '../../backend/src/storage/sigv4';

export interface S3FakeOptions { bucket: string; region: string; credentials: Credentials }

export interface S3Fake {
  endpoint: string;
  objects: Map<string, { bytes: Buffer; contentType: string }>;
  /** Requests refused for their signature, with S3's error code. */
  rejected: { method: string; path: string; code: string }[];
  requests: number;
  close(): Promise<void>;
}

const MAX_SKEW_MS = 15 * 60_000;

export async function startS3Fake(options: S3FakeOptions): Promise<S3Fake> {
  const objects = new Map<string, { bytes: Buffer; contentType: string }>();
  const rejected: S3Fake['rejected'] = [];
  const fake = { objects, rejected, requests: 0 };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      fake.requests++;
      const body = Buffer.concat(chunks);
      const [rawPath = '/', query = ''] = (req.url ?? '/').split('?');
      const refusal = verify(req, rawPath, query, body, options);
      if (refusal) {
        rejected.push({ method: req.method ?? '', path: rawPath, code: refusal });
        return reply(res, 403, refusal);
      }
      const prefix = `/${options.bucket}/`;
      if (!rawPath.startsWith(prefix)) return reply(res, 404, 'NoSuchBucket');
      const key = decodeURIComponent(rawPath.slice(prefix.length));
      switch (req.method) {
        case 'PUT':
          objects.set(key, { bytes: body, contentType: String(req.headers['content-type'] ?? 'application/octet-stream') });
          res.writeHead(200, { etag: `"${sha256Hex(body).slice(0, 32)}"` }).end();
          return;
        case 'GET': return getObject(res, objects.get(key), req.headers.range);
        case 'DELETE': objects.delete(key); res.writeHead(204).end(); return;
        default: return reply(res, 405, 'MethodNotAllowed');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    objects, rejected,
    get requests() { return fake.requests; },
    endpoint: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** S3's error code for a request whose signature does not hold, or null when it does. */
function verify(req: http.IncomingMessage, path: string, query: string, body: Buffer, options: S3FakeOptions): string | null {
  const auth = parseAuthorization(String(req.headers.authorization ?? ''));
  if (!auth) return 'AccessDenied';
  if (auth.accessKeyId !== options.credentials.accessKeyId) return 'InvalidAccessKeyId';
  const date = String(req.headers['x-amz-date'] ?? '');
  const at = Date.parse(date.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
  if (!Number.isFinite(at) || Math.abs(Date.now() - at) > MAX_SKEW_MS) return 'RequestTimeTooSkewed';
  const payloadHash = String(req.headers['x-amz-content-sha256'] ?? '');
  if (payloadHash !== 'UNSIGNED-PAYLOAD' && payloadHash !== sha256Hex(body)) return 'XAmzContentSHA256Mismatch';
  for (const required of ['host', 'x-amz-date', 'x-amz-content-sha256']) {
    if (!auth.signedHeaders.includes(required)) return 'AccessDenied';
  }
  const headers: Record<string, string> = {};
  for (const name of auth.signedHeaders) {
    const value = req.headers[name];
    if (value === undefined) return 'AccessDenied';
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const expected = signature({ method: req.method ?? 'GET', path, query, headers }, options.credentials, options.region);
  if (expected.scope !== auth.scope) return 'AuthorizationHeaderMalformed';
  return expected.signature === auth.signature ? null : 'SignatureDoesNotMatch';
}

function getObject(res: http.ServerResponse, object: { bytes: Buffer; contentType: string } | undefined, range: string | undefined): void {
  if (!object) return reply(res, 404, 'NoSuchKey');
  const size = object.bytes.length;
  const match = range ? /^bytes=(\d+)-(\d*)$/.exec(range) : null;
  if (!match) {
    res.writeHead(200, { 'content-type': object.contentType, 'content-length': size }).end(object.bytes);
    return;
  }
  const start = Number(match[1]);
  const end = Math.min(match[2] ? Number(match[2]) : size - 1, size - 1);
  if (start >= size || start > end) {
    res.writeHead(416, { 'content-range': `bytes */${size}` }).end();
    return;
  }
  res.writeHead(206, {
    'content-type': object.contentType, 'content-length': end - start + 1, 'content-range': `bytes ${start}-${end}/${size}`,
  }).end(object.bytes.subarray(start, end + 1));
}

function reply(res: http.ServerResponse, status: number, code: string): void {
  res.writeHead(status, { 'content-type': 'application/xml' })
    .end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${code}</Message></Error>`);
}
