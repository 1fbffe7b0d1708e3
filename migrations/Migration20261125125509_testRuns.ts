import { Migration } from '@mikro-orm/migrations';

/** Test runs of the candidate's code, reported by the client. */
export class Migration20261125125509_testRuns extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "test_run" ("id" uuid not null, "session_id" uuid not null, "requested_by" text check ("requested_by" in ('candidate', 'interviewer')) not null, "requested_at" timestamptz not null, "snapshot_seq" int null, "document_version" int null, "completed_at" timestamptz null, "passed" int not null default 0, "failed" int not null default 0, "result" jsonb null, constraint "test_run_pkey" primary key ("id"));`);
    this.addSql(`create index "test_run_session_requested" on "test_run" ("session_id", "requested_at");`);

    this.addSql(`alter table "test_run" add constraint "test_run_session_id_foreign" foreign key ("session_id") references "interview_session" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "test_run" cascade;`);
  }

}
