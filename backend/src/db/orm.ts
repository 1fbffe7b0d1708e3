// MikroORM setup: one config for the app, the tests and the migrations CLI.
import path from 'node:path';
import { MikroORM, PostgreSqlDriver, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { MIGRATIONS } from '../../../migrations';
import { ENTITIES } from './entities';

export const MIGRATIONS_DIR = path.resolve(process.cwd(), 'migrations');

export function ormOptions(databaseUrl: string): Options {
  return {
    driver: PostgreSqlDriver,
    clientUrl: databaseUrl,
    entities: ENTITIES,
    extensions: [Migrator],
    migrations: {
      path: MIGRATIONS_DIR, // where migration:create writes new files; add them to migrations/index.ts
      migrationsList: MIGRATIONS,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      emit: 'ts',
      silent: true,
    },
    pool: { min: 0, max: 10 },
    debug: false,
    allowGlobalContext: false,
    ensureDatabase: false,
  };
}

export async function openOrm(databaseUrl: string, options: { migrate: boolean }): Promise<MikroORM> {
  const orm = await MikroORM.init(ormOptions(databaseUrl));
  if (options.migrate) await orm.getMigrator().up();
  return orm;
}
