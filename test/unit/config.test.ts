import assert from 'node:assert/strict';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../backend/src/config';

describe('loadConfig', () => {
  it('has working defaults for an empty environment', () => {
    const config = loadConfig({});
    assert.equal(config.port, 8787);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.databaseUrl, null);
    assert.ok(path.isAbsolute(config.dataDir));
    assert.equal(config.logLevel, 'info');
    assert.equal(config.tokenTtlDays, 30);
    assert.equal(config.admin, null);
    assert.equal(config.snapshotDebounceMs, 1500);
    assert.deepEqual([config.openai, config.azureSpeech, config.elevenLabs], [null, null, null]);
  });

  it('reads and coerces the variables it knows', () => {
    const config = loadConfig({
      MOCKTALK_PORT: '9000', MOCKTALK_TOKEN_TTL_DAYS: '7', DATABASE_URL: 'postgres://u:p@db:5432/mocktalk',
      MOCKTALK_ADMIN_EMAIL: 'Boss@Example.test', MOCKTALK_ADMIN_PASSWORD: 'long enough', OPENAI_API_KEY: 'sk-test',
    });
    assert.equal(config.port, 9000);
    assert.equal(config.tokenTtlDays, 7);
    assert.equal(config.databaseUrl, 'postgres://u:p@db:5432/mocktalk');
    assert.deepEqual(config.admin, { email: 'boss@example.test', password: 'long enough' });
    assert.equal(config.openai?.model, 'gpt-4o-mini');
  });

  for (const port of ['not-a-port', '70000', '-1', '80.5']) {
    it(`rejects MOCKTALK_PORT=${port}, naming the variable`, () => {
      assert.throws(() => loadConfig({ MOCKTALK_PORT: port }), (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.match(err.message, /MOCKTALK_PORT/);
        return true;
      });
    });
  }

  it('rejects an unknown MOCKTALK_* variable, naming it', () => {
    assert.throws(() => loadConfig({ MOCKTALK_PROT: '8080' }), (err: unknown) => {
      assert.ok(err instanceof ConfigError);
      assert.match(err.message, /MOCKTALK_PROT/);
      assert.match(err.message, /MOCKTALK_PORT/, 'lists the known settings');
      return true;
    });
  });

  it('ignores variables outside its namespace', () => {
    assert.doesNotThrow(() => loadConfig({ PATH: '/usr/bin', HOME: '/root', NODE_ENV: 'test' }));
  });

  it('rejects an admin email without a password, and the reverse', () => {
    assert.throws(() => loadConfig({ MOCKTALK_ADMIN_EMAIL: 'boss@example.test' }), /MOCKTALK_ADMIN_EMAIL and MOCKTALK_ADMIN_PASSWORD/);
    assert.throws(() => loadConfig({ MOCKTALK_ADMIN_PASSWORD: 'long enough' }), /MOCKTALK_ADMIN_EMAIL and MOCKTALK_ADMIN_PASSWORD/);
  });

  it('rejects a malformed database URL and an unknown log level, naming each', () => {
    assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://db/x' }), /DATABASE_URL/);
    assert.throws(() => loadConfig({ MOCKTALK_LOG_LEVEL: 'loud' }), /MOCKTALK_LOG_LEVEL/);
  });
});
