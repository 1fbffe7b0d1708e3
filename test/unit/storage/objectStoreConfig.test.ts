import assert from 'node:assert/strict';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../../backend/src/config';
import { createObjectStore } from '../../../backend/src/storage/createObjectStore';

describe('object store configuration', () => {
  const s3Env = {
    MOCKTALK_OBJECT_STORE: 's3', MOCKTALK_S3_ENDPOINT: 'http://127.0.0.1:9000', MOCKTALK_S3_BUCKET: 'mocktalk-audio',
    MOCKTALK_S3_ACCESS_KEY_ID: 'AKID', MOCKTALK_S3_SECRET_ACCESS_KEY: 'secret',
  };

  it('defaults to files under <data dir>/objects', () => {
    const config = loadConfig({ MOCKTALK_DATA_DIR: '/tmp/mt-data' });
    assert.deepEqual(config.objectStore, { kind: 'fs', dir: null });
    assert.equal(createObjectStore(config).kind, 'filesystem');
    assert.deepEqual(loadConfig({ MOCKTALK_OBJECT_DIR: 'rel/objects' }).objectStore, { kind: 'fs', dir: path.resolve('rel/objects') });
  });

  it('reads an S3-compatible store, region defaulting to us-east-1', () => {
    const config = loadConfig(s3Env);
    assert.deepEqual(config.objectStore, {
      kind: 's3', endpoint: 'http://127.0.0.1:9000', bucket: 'mocktalk-audio', region: 'us-east-1', accessKeyId: 'AKID', secretAccessKey: 'secret',
    });
    assert.equal(createObjectStore(config).kind, 's3');
  });

  it('names what is missing or malformed', () => {
    const { MOCKTALK_S3_SECRET_ACCESS_KEY: _secret, ...noSecret } = s3Env;
    assert.throws(() => loadConfig(noSecret), (err: unknown) => err instanceof ConfigError && /MOCKTALK_S3_SECRET_ACCESS_KEY/.test(err.message));
    assert.throws(() => loadConfig({ ...s3Env, MOCKTALK_S3_BUCKET: 'Bad_Bucket' }), /MOCKTALK_S3_BUCKET/);
    assert.throws(() => loadConfig({ ...s3Env, MOCKTALK_S3_ENDPOINT: 'ftp://x' }), /MOCKTALK_S3_ENDPOINT/);
    assert.throws(() => loadConfig({ MOCKTALK_OBJECT_STORE: 'gcs' }), /MOCKTALK_OBJECT_STORE/);
  });
});
