// AWS Signature Version 4 for S3-compatible stores, header form. The client signs with it; the test fake
// recomputes the signature from the request it received and compares.
import { createHash, createHmac } from 'node:crypto';

export interface Credentials { accessKeyId: string; secretAccessKey: string }

export interface SignableRequest {
  method: string;
  /** Path as sent, already percent-encoded (`/bucket/sessions/x/turns/y.wav`). */
  path: string;
  /** Raw query string without `?` (may be empty). */
  query: string;
  /** Lower-case names; must include host, x-amz-date and x-amz-content-sha256. */
  headers: Record<string, string>;
}

export const ALGORITHM = 'AWS4-HMAC-SHA256';
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export const sha256Hex = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/** RFC 3986 encoding as SigV4 wants it: unreserved characters stay, everything else is %XX (upper case). */
export function uriEncode(value: string, keepSlash = false): string {
  return [...Buffer.from(value, 'utf8')].map((byte) => {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-._~]/.test(c) || (keepSlash && c === '/')) return c;
    return `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }).join('');
}

/** `20130524T000000Z` */
export function amzDate(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function canonicalQuery(query: string): string {
  if (!query) return '';
  return query.split('&').map((pair) => {
    const [k = '', v = ''] = pair.split('=');
    return [uriEncode(decodeURIComponent(k)), uriEncode(decodeURIComponent(v))] as const;
  }).sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1)).map(([k, v]) => `${k}=${v}`).join('&');
}

export interface SignatureParts { signedHeaders: string; scope: string; signature: string }

/** The signature of a request over the given headers (all of `headers` are signed). */
export function signature(request: SignableRequest, credentials: Credentials, region: string, service = 's3'): SignatureParts {
  const date = request.headers['x-amz-date'];
  const payloadHash = request.headers['x-amz-content-sha256'];
  if (!date || !payloadHash) throw new Error('x-amz-date and x-amz-content-sha256 must be signed');
  const names = Object.keys(request.headers).map((n) => n.toLowerCase()).sort();
  const signedHeaders = names.join(';');
  const canonicalHeaders = names.map((n) => `${n}:${request.headers[n]!.trim().replace(/\s+/g, ' ')}\n`).join('');
  const canonicalRequest = [
    request.method.toUpperCase(), request.path, canonicalQuery(request.query), canonicalHeaders, signedHeaders, payloadHash,
  ].join('\n');
  const day = date.slice(0, 8);
  const scope = `${day}/${region}/${service}/aws4_request`;
  const stringToSign = [ALGORITHM, date, scope, sha256Hex(canonicalRequest)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${credentials.secretAccessKey}`, day), region), service), 'aws4_request');
  return { signedHeaders, scope, signature: createHmac('sha256', key).update(stringToSign).digest('hex') };
}

export function authorizationHeader(request: SignableRequest, credentials: Credentials, region: string): string {
  const { signedHeaders, scope, signature: sig } = signature(request, credentials, region);
  return `${ALGORITHM} Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${sig}`;
}

/** Parses an Authorization header of the form above; null when it is not one. */
export function parseAuthorization(header: string): { accessKeyId: string; scope: string; signedHeaders: string[]; signature: string } | null {
  const match = /^AWS4-HMAC-SHA256 Credential=([^/,]+)\/([^,]+), ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(header);
  if (!match) return null;
  return { accessKeyId: match[1]!, scope: match[2]!, signedHeaders: match[3]!.split(';'), signature: match[4]! };
}
