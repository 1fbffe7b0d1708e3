import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { ENTITIES } from '../../../backend/src/db/entities';
import { ormOptions } from '../../../backend/src/db/orm';
import { testDatabase } from '../../support/backend';

const APP_TABLES = ['api_token', 'app_user', 'code_snapshot', 'companion_link', 'evaluation', 'interview_session', 'problem', 'test_run', 'turn', 'turn_audio'];

async function tables(orm: MikroORM): Promise<string[]> {
  const rows = await orm.em.getConnection().execute<{ table_name: string }[]>(
    `select table_name from information_schema.tables where table_schema = 'public' and table_name <> 'mikro_orm_migrations' order by table_name`,
  );
  return rows.map((r) => r.table_name);
}

describe('database migrations', () => {
  const name = `mocktalk_migrations_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  let admin: MikroORM;
  let orm: MikroORM;

  before(async () => {
    const { url } = await testDatabase();
    admin = await MikroORM.init(ormOptions(url));
    await admin.em.getConnection().execute(`create database "${name}"`);
    const fresh = new URL(url);
    fresh.pathname = `/${name}`;
    orm = await MikroORM.init(ormOptions(fresh.toString()));
  });

  after(async () => {
    await orm?.close(true);
    await admin?.em.getConnection().execute(`drop database if exists "${name}"`);
    await admin?.close(true);
  });

  it('starts from an empty database', async () => {
    assert.deepEqual(await tables(orm), []);
  });

  it('up creates a table for every entity', async () => {
    const applied = await orm.getMigrator().up();
    assert.ok(applied.length >= 1);
    assert.deepEqual(await tables(orm), APP_TABLES);
    const mapped = ENTITIES.map((e) => orm.getMetadata().get(e.meta.className).tableName).sort();
    assert.deepEqual(mapped, APP_TABLES);
    assert.deepEqual(await orm.getMigrator().getPendingMigrations(), []);
  });

  it('down to the start drops every table', async () => {
    await orm.getMigrator().down({ to: 0 });
    assert.deepEqual(await tables(orm), []);
    assert.deepEqual(await orm.getMigrator().getExecutedMigrations(), []);
    // The drift check below is not vacuous: against an empty schema the diff is the whole model.
    assert.match(await orm.schema.getUpdateSchemaSQL({ wrap: false }), /create table "problem"/);
  });

  it('up works again after down', async () => {
    await orm.getMigrator().up();
    assert.deepEqual(await tables(orm), APP_TABLES);
  });

  it('the migrated schema matches the entities (no drift)', async () => {
    const diff = await orm.schema.getUpdateSchemaSQL({ wrap: false });
    assert.equal(diff.trim(), '', `entities and migrations differ; write a migration for:\n${diff}`);
  });
});
