// Test backends on the real embedded PostgreSQL: one database per test run (fresh data dir), any number
// of backend instances sharing it, all stopped when mocha finishes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadConfig, type Config } from '../../backend/src/config';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../backend/src/db/embeddedPostgres';
import { startServer, type RunningServer, type ServerOptions } from '../../backend/src/server';
import { onTestRunEnd } from './cleanup';

const log = pino({ level: process.env.MOCKTALK_TEST_LOG_LEVEL ?? 'silent' });
let database: Promise<EmbeddedDatabase> | null = null;
const servers = new Set<RunningServer>();

/** A data dir the postgres user can reach (not under root's 0700 home). */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, 0o755);
  return dir;
}

export function testDatabase(): Promise<EmbeddedDatabase> {
  if (!database) {
    database = startEmbeddedPostgres(tempDir('mocktalk-test-pg-'), log);
    onTestRunEnd(stopAllTestBackends);
  }
  return database;
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ MOCKTALK_PORT: '0', MOCKTALK_LOG_LEVEL: 'silent', MOCKTALK_SNAPSHOT_DEBOUNCE_MS: '50' }), ...overrides };
}

export async function startTestServer(overrides: Partial<Config> = {}, options: ServerOptions = {}): Promise<RunningServer> {
  const db = await testDatabase();
  // Recorded audio goes to a throwaway folder, not the user's data dir.
  const objectStore = { kind: 'fs' as const, dir: tempDir('mocktalk-test-objects-') };
  const server = await startServer(testConfig({ databaseUrl: db.url, objectStore, ...overrides }), log, options);
  servers.add(server);
  const close = server.close;
  return { ...server, close: async () => { servers.delete(server); await close(); } };
}

export async function stopAllTestBackends(): Promise<void> {
  await Promise.all([...servers].map((s) => s.close()));
  servers.clear();
  if (database) await (await database).stop();
  database = null;
}

export const testLogger = log;
