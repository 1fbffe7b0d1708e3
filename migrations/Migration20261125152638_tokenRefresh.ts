import { Migration } from '@mikro-orm/migrations';

/** Refresh tokens: each bearer token row also holds the hash and expiry of its single-use refresh token. */
export class Migration20261125152638_tokenRefresh extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "api_token" add column "refresh_token_hash" varchar(64) null, add column "refresh_expires_at" timestamptz null;`);
    this.addSql(`alter table "api_token" add constraint "api_token_refresh_token_hash_unique" unique ("refresh_token_hash");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "api_token" drop constraint if exists "api_token_refresh_token_hash_unique";`);
    this.addSql(`alter table "api_token" drop column if exists "refresh_expires_at", drop column if exists "refresh_token_hash";`);
  }

}
