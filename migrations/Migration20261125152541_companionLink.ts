import { Migration } from '@mikro-orm/migrations';

/** One-time links to the browser companion page (hashes only). */
export class Migration20261125152541_companionLink extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "companion_link" ("id" uuid not null, "session_id" uuid not null, "token_hash" varchar(64) not null, "expires_at" timestamptz not null, "consumed_at" timestamptz null, "resume_hash" varchar(64) null, "resume_expires_at" timestamptz null, "created_at" timestamptz not null, constraint "companion_link_pkey" primary key ("id"));`);
    this.addSql(`create index "companion_link_session_id_index" on "companion_link" ("session_id");`);
    this.addSql(`alter table "companion_link" add constraint "companion_link_token_hash_unique" unique ("token_hash");`);
    this.addSql(`alter table "companion_link" add constraint "companion_link_resume_hash_unique" unique ("resume_hash");`);

    this.addSql(`alter table "companion_link" add constraint "companion_link_session_id_foreign" foreign key ("session_id") references "interview_session" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "companion_link" cascade;`);
  }

}
