// Where recorded media lives (interviewer audio per turn): a small key → bytes store. Keys are relative,
// slash-separated and checked before any backend sees them; reads stream, with an optional byte range.
import type { Readable } from 'node:stream';

export interface ByteRange {
  start: number;
  /** Inclusive; omitted means to the end. */
  end?: number;
}

export interface StoredObject {
  body: Readable;
  /** Size of the whole object. */
  size: number;
  contentType: string;
  /** The bytes in `body`, inclusive, when a range was asked for. */
  range: { start: number; end: number } | null;
}

export interface ObjectStore {
  readonly kind: 'filesystem' | 's3';
  /** Replaces the object atomically: readers see the old bytes or the new ones, never a part. */
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** Null when there is no such object. */
  get(key: string, range?: ByteRange): Promise<StoredObject | null>;
  /** Deleting a missing object is not an error. */
  delete(key: string): Promise<void>;
}

export class ObjectStoreError extends Error {
  override name = 'ObjectStoreError';
  constructor(message: string, readonly status?: number) {
    super(message);
  }
}

export class RangeNotSatisfiableError extends ObjectStoreError {
  override name = 'RangeNotSatisfiableError';
  constructor(readonly size: number) {
    super(`range outside the object (${size} bytes)`, 416);
  }
}

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** Throws unless the key is safe on every backend: relative, no `..`, only [A-Za-z0-9._-] segments. */
export function checkKey(key: string): string {
  const segments = key.split('/');
  if (key.length > 512 || segments.length > 8 || !segments.every((s) => SEGMENT.test(s) && !s.includes('..'))) {
    throw new ObjectStoreError(`invalid object key "${key.slice(0, 80)}"`);
  }
  return key;
}

/** Clamps a requested range to an object of `size` bytes; throws when it starts past the end. */
export function resolveRange(range: ByteRange, size: number): { start: number; end: number } {
  const end = Math.min(range.end ?? size - 1, size - 1);
  if (range.start >= size || range.start > end) throw new RangeNotSatisfiableError(size);
  return { start: range.start, end };
}
