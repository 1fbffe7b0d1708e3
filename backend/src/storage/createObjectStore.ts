// The configured object store: local files under the data dir unless S3 is configured.
import path from 'node:path';
import type { Config } from '../config';
import { FsObjectStore } from './fsObjectStore';
import type { ObjectStore } from './objectStore';
import { S3ObjectStore } from './s3ObjectStore';

export function createObjectStore(config: Pick<Config, 'dataDir' | 'objectStore'>): ObjectStore {
  const s = config.objectStore;
  if (s.kind === 's3') {
    return new S3ObjectStore({
      endpoint: s.endpoint, bucket: s.bucket, region: s.region,
      credentials: { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey },
    });
  }
  return new FsObjectStore(s.dir ?? path.join(config.dataDir, 'objects'));
}
