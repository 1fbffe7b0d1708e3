import { Migration } from '@mikro-orm/migrations';

/** The interviewer's recorded audio per spoken turn (the bytes live in the object store). */
export class Migration20261125152830_turnAudio extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "turn_audio" ("turn_id" uuid not null, "session_id" uuid not null, "object_key" varchar(200) not null, "sample_rate" int not null, "duration_ms" int not null, "start_offset_ms" int not null, "bytes" int not null, "created_at" timestamptz not null, constraint "turn_audio_pkey" primary key ("turn_id"));`);
    this.addSql(`create index "turn_audio_session_id_index" on "turn_audio" ("session_id");`);

    this.addSql(`alter table "turn_audio" add constraint "turn_audio_session_id_foreign" foreign key ("session_id") references "interview_session" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "turn_audio" cascade;`);
  }

}
