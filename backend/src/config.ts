// Configuration from the environment, parsed once at start; a bad value names its variable.
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const optionalText = z.string().trim().min(1).optional();

const Env = z.object({
  MOCKTALK_PORT: port.default(8787),
  MOCKTALK_HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  MOCKTALK_DATA_DIR: z.string().min(1).optional(),
  MOCKTALK_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MOCKTALK_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** Lifetime of a bearer token; the refresh token (MOCKTALK_TOKEN_TTL_DAYS) buys the next one. */
  MOCKTALK_ACCESS_TOKEN_TTL_MINUTES: z.coerce.number().int().min(1).max(525_600).default(60),
  MOCKTALK_ADMIN_EMAIL: z.email().optional(),
  MOCKTALK_ADMIN_PASSWORD: z.string().min(8).optional(),
  /** Quiet period after the last edit before a code snapshot is stored. */
  MOCKTALK_SNAPSHOT_DEBOUNCE_MS: z.coerce.number().int().min(0).max(60_000).default(1500),
  /** Silence with no typing after which the interviewer offers a nudge. */
  MOCKTALK_IDLE_NUDGE_MS: z.coerce.number().int().min(1000).max(3_600_000).default(90_000),
  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: z.url().optional(),
  OPENAI_MODEL: z.string().min(1).default('gpt-4o-mini'),
  AZURE_SPEECH_KEY: optionalText,
  AZURE_SPEECH_REGION: optionalText,
  AZURE_SPEECH_ENDPOINT: z.url().optional(),
  ELEVENLABS_API_KEY: optionalText,
  ELEVENLABS_BASE_URL: z.url().optional(),
  /** Where recorded interviewer audio goes: files under the data dir, or an S3-compatible bucket. */
  MOCKTALK_OBJECT_STORE: z.enum(['fs', 's3']).default('fs'),
  MOCKTALK_OBJECT_DIR: z.string().min(1).optional(),
  MOCKTALK_S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  MOCKTALK_S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'an S3 bucket name').optional(),
  MOCKTALK_S3_REGION: z.string().min(1).default('us-east-1'),
  MOCKTALK_S3_ACCESS_KEY_ID: optionalText,
  MOCKTALK_S3_SECRET_ACCESS_KEY: optionalText,
});

export type ObjectStoreConfig =
  | { kind: 'fs'; dir: string | null }
  | { kind: 's3'; endpoint: string; bucket: string; region: string; accessKeyId: string; secretAccessKey: string };

export interface Config {
  port: number;
  host: string;
  /** Null means: start the embedded PostgreSQL under dataDir. */
  databaseUrl: string | null;
  dataDir: string;
  logLevel: z.infer<typeof Env>['MOCKTALK_LOG_LEVEL'];
  tokenTtlDays: number;
  accessTokenTtlMinutes: number;
  admin: { email: string; password: string } | null;
  snapshotDebounceMs: number;
  idleNudgeMs: number;
  openai: { apiKey: string; baseUrl: string | undefined; model: string } | null;
  azureSpeech: { key: string; region: string | undefined; endpoint: string | undefined } | null;
  elevenLabs: { apiKey: string; baseUrl: string | undefined } | null;
  objectStore: ObjectStoreConfig;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Where the embedded database and local files live; root's home is not reachable by the postgres user. */
function defaultDataDir(): string {
  if (process.getuid?.() === 0) return '/var/lib/mocktalk';
  const xdg = process.env.XDG_DATA_HOME ?? path.join(os.homedir(), '.local', 'share');
  return path.join(xdg, 'mocktalk');
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const unknown = Object.keys(env).filter((k) => k.startsWith('MOCKTALK_') && !(k in Env.shape));
  if (unknown.length) throw new ConfigError(`Unknown setting ${unknown.join(', ')}; known: ${Object.keys(Env.shape).filter((k) => k.startsWith('MOCKTALK_')).join(', ')}`);
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  if (Boolean(e.MOCKTALK_ADMIN_EMAIL) !== Boolean(e.MOCKTALK_ADMIN_PASSWORD)) {
    throw new ConfigError('Invalid configuration: MOCKTALK_ADMIN_EMAIL and MOCKTALK_ADMIN_PASSWORD must be set together');
  }
  return {
    port: e.MOCKTALK_PORT,
    host: e.MOCKTALK_HOST,
    databaseUrl: e.DATABASE_URL ?? null,
    dataDir: path.resolve(e.MOCKTALK_DATA_DIR ?? defaultDataDir()),
    logLevel: e.MOCKTALK_LOG_LEVEL,
    tokenTtlDays: e.MOCKTALK_TOKEN_TTL_DAYS,
    accessTokenTtlMinutes: e.MOCKTALK_ACCESS_TOKEN_TTL_MINUTES,
    admin: e.MOCKTALK_ADMIN_EMAIL && e.MOCKTALK_ADMIN_PASSWORD ? { email: e.MOCKTALK_ADMIN_EMAIL.toLowerCase(), password: e.MOCKTALK_ADMIN_PASSWORD } : null,
    snapshotDebounceMs: e.MOCKTALK_SNAPSHOT_DEBOUNCE_MS,
    idleNudgeMs: e.MOCKTALK_IDLE_NUDGE_MS,
    openai: e.OPENAI_API_KEY ? { apiKey: e.OPENAI_API_KEY, baseUrl: e.OPENAI_BASE_URL, model: e.OPENAI_MODEL } : null,
    azureSpeech: e.AZURE_SPEECH_KEY ? { key: e.AZURE_SPEECH_KEY, region: e.AZURE_SPEECH_REGION, endpoint: e.AZURE_SPEECH_ENDPOINT } : null,
    elevenLabs: e.ELEVENLABS_API_KEY ? { apiKey: e.ELEVENLABS_API_KEY, baseUrl: e.ELEVENLABS_BASE_URL } : null,
    objectStore: objectStoreConfig(e),
  };
}

function objectStoreConfig(e: z.infer<typeof Env>): ObjectStoreConfig {
  if (e.MOCKTALK_OBJECT_STORE === 'fs') return { kind: 'fs', dir: e.MOCKTALK_OBJECT_DIR ? path.resolve(e.MOCKTALK_OBJECT_DIR) : null };
  const missing = (['MOCKTALK_S3_ENDPOINT', 'MOCKTALK_S3_BUCKET', 'MOCKTALK_S3_ACCESS_KEY_ID', 'MOCKTALK_S3_SECRET_ACCESS_KEY'] as const)
    .filter((k) => !e[k]);
  if (missing.length) throw new ConfigError(`Invalid configuration: MOCKTALK_OBJECT_STORE=s3 needs ${missing.join(', ')}`);
  return {
    kind: 's3', endpoint: e.MOCKTALK_S3_ENDPOINT!, bucket: e.MOCKTALK_S3_BUCKET!, region: e.MOCKTALK_S3_REGION,
    accessKeyId: e.MOCKTALK_S3_ACCESS_KEY_ID!, secretAccessKey: e.MOCKTALK_S3_SECRET_ACCESS_KEY!,
  };
}
