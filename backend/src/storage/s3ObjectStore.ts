// An S3-compatible object store (AWS S3, MinIO, R2, …) over plain fetch with SigV4-signed requests and
// path-style addressing: <endpoint>/<bucket>/<key>. No SDK.
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { checkKey, ObjectStoreError, RangeNotSatisfiableError, type ByteRange, type ObjectStore, type StoredObject } from './objectStore';
import { amzDate, authorizationHeader, EMPTY_SHA256, sha256Hex, uriEncode, type Credentials } from './sigv4';

export interface S3Options {
  /** `https://s3.eu-west-1.amazonaws.com` or `http://127.0.0.1:9000`. */
  endpoint: string;
  bucket: string;
  region: string;
  credentials: Credentials;
  /** Per request; a stalled store must not hold a turn's archive forever. */
  timeoutMs?: number;
}

export class S3ObjectStore implements ObjectStore {
  readonly kind = 's3';
  private readonly base: URL;

  constructor(private readonly options: S3Options) {
    this.base = new URL(options.endpoint);
  }

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    const response = await this.send('PUT', key, { 'content-type': contentType }, bytes);
    await expectOk(response, `storing ${key}`);
  }

  async get(key: string, range?: ByteRange): Promise<StoredObject | null> {
    const headers: Record<string, string> = range ? { range: `bytes=${range.start}-${range.end ?? ''}` } : {};
    const response = await this.send('GET', key, headers);
    if (response.status === 404) { await response.body?.cancel(); return null; }
    if (response.status === 416) {
      await response.body?.cancel();
      throw new RangeNotSatisfiableError(Number(/\/(\d+)$/.exec(response.headers.get('content-range') ?? '')?.[1] ?? 0));
    }
    await expectOk(response, `reading ${key}`);
    const contentType = response.headers.get('content-type') ?? 'application/octet-stream';
    const body = response.body ? Readable.fromWeb(response.body as WebReadableStream<Uint8Array>) : Readable.from([]);
    const partial = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(response.headers.get('content-range') ?? '');
    if (response.status === 206 && partial) {
      return { body, contentType, size: Number(partial[3]), range: { start: Number(partial[1]), end: Number(partial[2]) } };
    }
    return { body, contentType, size: Number(response.headers.get('content-length') ?? 0), range: null };
  }

  async delete(key: string): Promise<void> {
    const response = await this.send('DELETE', key, {});
    if (response.status === 404) return;
    await expectOk(response, `deleting ${key}`);
  }

  private async send(method: string, key: string, extra: Record<string, string>, body?: Uint8Array): Promise<Response> {
    const basePath = this.base.pathname.replace(/\/+$/, '');
    const path = `${basePath}/${uriEncode(this.options.bucket)}/${uriEncode(checkKey(key), true)}`;
    const headers: Record<string, string> = {
      host: this.base.host,
      'x-amz-date': amzDate(new Date()),
      'x-amz-content-sha256': body ? sha256Hex(body) : EMPTY_SHA256,
      ...extra,
    };
    headers.authorization = authorizationHeader({ method, path, query: '', headers }, this.options.credentials, this.options.region);
    const { host: _host, ...sent } = headers; // fetch sets Host from the URL itself
    try {
      return await fetch(new URL(path, this.base.origin), {
        method, headers: sent, ...(body ? { body: new Uint8Array(body) } : {}),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      });
    } catch (err) {
      throw new ObjectStoreError(`object store unreachable (${method} ${key}): ${(err as Error).message}`);
    }
  }
}

async function expectOk(response: Response, what: string): Promise<void> {
  if (response.ok) return;
  const text = await response.text().catch(() => '');
  const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ?? response.statusText;
  throw new ObjectStoreError(`object store refused ${what}: ${response.status} ${code}`, response.status);
}
