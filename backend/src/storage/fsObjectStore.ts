// Objects as files under one root directory (by default <data dir>/objects). A write goes to a temporary
// file in the same directory and is renamed over the target, so a crash never leaves half an object.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { checkKey, ObjectStoreError, resolveRange, type ByteRange, type ObjectStore, type StoredObject } from './objectStore';

const TYPE_SUFFIX = '.content-type';

export class FsObjectStore implements ObjectStore {
  readonly kind = 'filesystem';

  constructor(private readonly root: string) {}

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    const file = this.file(key);
    await fsp.mkdir(path.dirname(file), { recursive: true });
    await writeAtomically(`${file}${TYPE_SUFFIX}`, Buffer.from(contentType));
    await writeAtomically(file, bytes);
  }

  async get(key: string, range?: ByteRange): Promise<StoredObject | null> {
    const file = this.file(key);
    let size: number;
    try {
      size = (await fsp.stat(file)).size;
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
    const contentType = await fsp.readFile(`${file}${TYPE_SUFFIX}`, 'utf8').catch(() => 'application/octet-stream');
    const bytes = range ? resolveRange(range, size) : null;
    const body = fs.createReadStream(file, bytes ? { start: bytes.start, end: bytes.end } : {});
    return { body, size, contentType, range: bytes };
  }

  async delete(key: string): Promise<void> {
    const file = this.file(key);
    await fsp.rm(file, { force: true });
    await fsp.rm(`${file}${TYPE_SUFFIX}`, { force: true });
  }

  private file(key: string): string {
    if (key.endsWith(TYPE_SUFFIX)) throw new ObjectStoreError(`invalid object key "${key.slice(0, 80)}"`);
    return path.join(this.root, ...checkKey(key).split('/'));
  }
}

async function writeAtomically(file: string, bytes: Uint8Array): Promise<void> {
  const temp = path.join(path.dirname(file), `.tmp-${randomUUID()}`);
  const handle = await fsp.open(temp, 'w', 0o600);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fsp.rename(temp, file);
  } catch (err) {
    await fsp.rm(temp, { force: true });
    throw err;
  }
}

function isMissing(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as NodeJS.ErrnoException).code === 'ENOENT';
}
