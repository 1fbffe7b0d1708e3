// One suite, every object store: the local filesystem and S3 (against a local fake that checks signatures).
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { FsObjectStore } from '../../../backend/src/storage/fsObjectStore';
import { ObjectStoreError, RangeNotSatisfiableError, type ObjectStore } from '../../../backend/src/storage/objectStore';
import { S3ObjectStore } from '../../../backend/src/storage/s3ObjectStore';
import { startS3Fake, type S3Fake } from '../../fakes/s3Fake';
import { tempDir } from '../../support/backend';

async function readAll(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

const bytes = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 7 + 3) % 256));

function conformance(name: string, create: () => Promise<ObjectStore>) {
  describe(`object store conformance: ${name}`, () => {
    let store: ObjectStore;
    beforeEach(async () => { store = await create(); });

    it('reads back what was put, with its content type and size', async () => {
      const data = bytes(70_000);
      await store.put('sessions/a1/turns/t1.wav', data, 'audio/wav');
      const got = await store.get('sessions/a1/turns/t1.wav');
      assert.ok(got);
      assert.equal(got.size, data.length);
      assert.equal(got.contentType, 'audio/wav');
      assert.equal(got.range, null);
      assert.deepEqual(await readAll(got.body), data);
    });

    it('replaces an object on a second put', async () => {
      await store.put('k/one', bytes(10), 'application/octet-stream');
      await store.put('k/one', Buffer.from('second'), 'text/plain');
      const got = await store.get('k/one');
      assert.equal((await readAll(got!.body)).toString(), 'second');
      assert.equal(got!.size, 6);
    });

    it('serves a byte range, clamped to the object, and refuses one past the end', async () => {
      const data = bytes(1000);
      await store.put('r/obj', data, 'application/octet-stream');
      const part = await store.get('r/obj', { start: 100, end: 199 });
      assert.deepEqual(part!.range, { start: 100, end: 199 });
      assert.equal(part!.size, 1000);
      assert.deepEqual(await readAll(part!.body), data.subarray(100, 200));
      const tail = await store.get('r/obj', { start: 990 });
      assert.deepEqual(tail!.range, { start: 990, end: 999 });
      assert.deepEqual(await readAll(tail!.body), data.subarray(990));
      await assert.rejects(store.get('r/obj', { start: 1000 }), RangeNotSatisfiableError);
    });

    it('answers null for a missing object, and deleting twice is fine', async () => {
      assert.equal(await store.get('nothing/here'), null);
      await store.put('d/x', bytes(5), 'application/octet-stream');
      await store.delete('d/x');
      await store.delete('d/x');
      assert.equal(await store.get('d/x'), null);
    });

    it('refuses unsafe keys before touching storage', async () => {
      for (const key of ['../escape', '/abs', 'a//b', 'a/../b', 'a/.hidden', '', 'sp ace', 'x'.repeat(600)]) {
        await assert.rejects(store.put(key, bytes(1), 'text/plain'), ObjectStoreError, key);
        await assert.rejects(store.get(key), ObjectStoreError, key);
      }
    });
  });
}

conformance('local filesystem', async () => new FsObjectStore(tempDir('mocktalk-objects-')));

describe('local filesystem object store', () => {
  it('writes atomically: no temporary files are left and the files are private', async () => {
    const root = tempDir('mocktalk-objects-');
    const store = new FsObjectStore(root);
    await store.put('sessions/s/turns/t.wav', bytes(4096), 'audio/wav');
    const dir = path.join(root, 'sessions', 's', 'turns');
    assert.deepEqual(fs.readdirSync(dir).sort(), ['t.wav', 't.wav.content-type']);
    assert.equal(fs.statSync(path.join(dir, 't.wav')).mode & 0o077, 0);
  });
});

describe('S3 object store against a signature-checking fake', () => {
  const credentials = { accessKeyId: 'AKIDMOCKTALK', secretAccessKey: 'local-secret-key' };
  let fake: S3Fake;
  before(async () => { fake = await startS3Fake({ bucket: 'mocktalk-audio', region: 'eu-west-1', credentials }); });
  after(() => fake.close());

  const s3 = (overrides: Partial<{ secretAccessKey: string; accessKeyId: string; region: string }> = {}) => new S3ObjectStore({
    endpoint: fake.endpoint, bucket: 'mocktalk-audio', region: overrides.region ?? 'eu-west-1',
    credentials: { ...credentials, ...overrides },
  });

  conformance('S3 (local fake)', async () => s3());

  it('stores under the bucket, path-style', async () => {
    await s3().put('sessions/b/turns/c.wav', bytes(3), 'audio/wav');
    assert.ok(fake.objects.has('sessions/b/turns/c.wav'));
  });

  it('a wrong secret key is refused by the server and surfaces as an ObjectStoreError', async () => {
    const before = fake.rejected.length;
    await assert.rejects(s3({ secretAccessKey: 'wrong' }).put('w/x', bytes(3), 'text/plain'),
      (err: unknown) => err instanceof ObjectStoreError && err.status === 403 && /SignatureDoesNotMatch/.test(err.message));
    await assert.rejects(s3({ accessKeyId: 'AKIDOTHER' }).get('w/x'), /InvalidAccessKeyId/);
    await assert.rejects(s3({ region: 'us-east-1' }).delete('w/x'), /AuthorizationHeaderMalformed/);
    assert.equal(fake.rejected.length, before + 3);
    assert.equal(fake.objects.has('w/x'), false);
  });

  it('an unreachable endpoint is a clear ObjectStoreError', async () => {
    const store = new S3ObjectStore({ endpoint: 'http://127.0.0.1:9', bucket: 'b-x', region: 'r', credentials, timeoutMs: 2000 });
    await assert.rejects(store.get('a/b'), (err: unknown) => err instanceof ObjectStoreError && /unreachable/.test(err.message));
  });
});
