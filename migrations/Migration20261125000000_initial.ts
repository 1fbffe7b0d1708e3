import { Migration } from '@mikro-orm/migrations';

/** Users, tokens, the question bank, sessions with their turns, code snapshots and evaluations. */
export class Migration20261125000000_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "problem" ("id" uuid not null, "slug" varchar(80) not null, "title" varchar(120) not null, "statement" text not null, "topics" text[] not null, "difficulty" text check ("difficulty" in ('easy', 'medium', 'hard')) not null, "function_name" varchar(64) not null, "constraints" jsonb not null, "examples" jsonb not null, "hints" jsonb not null, "target_time" varchar(40) not null, "target_space" varchar(40) not null, "starter_code" jsonb not null, "test_cases" jsonb not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "problem_pkey" primary key ("id"));`);
    this.addSql(`alter table "problem" add constraint "problem_slug_unique" unique ("slug");`);
    this.addSql(`create index "problem_difficulty_index" on "problem" ("difficulty");`);
    this.addSql(`create index "problem_topics_gin" on "problem" using gin ("topics");`);

    this.addSql(`create table "app_user" ("id" uuid not null, "email" varchar(254) not null, "display_name" varchar(80) not null, "role" text check ("role" in ('user', 'admin')) not null default 'user', "password_hash" text not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "app_user_pkey" primary key ("id"));`);
    this.addSql(`alter table "app_user" add constraint "app_user_email_unique" unique ("email");`);

    this.addSql(`create table "interview_session" ("id" uuid not null, "user_id" uuid not null, "problem_id" uuid not null, "mode" text check ("mode" in ('text', 'voice')) not null, "language" text check ("language" in ('javascript', 'typescript', 'python')) not null, "state" text check ("state" in ('active', 'ended')) not null default 'active', "stage" text check ("stage" in ('intro', 'clarify', 'approach', 'code', 'test', 'wrap-up')) not null default 'intro', "last_seq" int not null default 0, "memory" jsonb not null, "started_at" timestamptz not null, "ended_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "interview_session_pkey" primary key ("id"));`);
    this.addSql(`create index "interview_session_problem_id_index" on "interview_session" ("problem_id");`);
    this.addSql(`create index "interview_session_state_index" on "interview_session" ("state");`);
    this.addSql(`create index "interview_session_user_started" on "interview_session" ("user_id", "started_at");`);
    this.addSql(`create index "interview_session_started" on "interview_session" ("started_at");`);

    this.addSql(`create table "turn" ("id" uuid not null, "session_id" uuid not null, "seq" int not null, "speaker" text check ("speaker" in ('interviewer', 'candidate')) not null, "text" text not null, "stage" text check ("stage" in ('intro', 'clarify', 'approach', 'code', 'test', 'wrap-up')) not null, "started_at" timestamptz not null, "ended_at" timestamptz not null, "interrupted" boolean not null default false, "client_message_id" varchar(64) null, "latency" jsonb not null, "created_at" timestamptz not null, constraint "turn_pkey" primary key ("id"));`);
    this.addSql(`alter table "turn" add constraint "turn_session_seq_unique" unique ("session_id", "seq");`);
    this.addSql(`alter table "turn" add constraint "turn_session_client_message_unique" unique ("session_id", "client_message_id");`);

    this.addSql(`create table "evaluation" ("id" uuid not null, "session_id" uuid not null, "band" text check ("band" in ('strong-hire', 'hire', 'no-hire', 'strong-no-hire')) not null, "overall" real not null, "scores" jsonb not null, "summary" text not null, "created_at" timestamptz not null, constraint "evaluation_pkey" primary key ("id"));`);
    this.addSql(`alter table "evaluation" add constraint "evaluation_session_id_unique" unique ("session_id");`);
    this.addSql(`create index "evaluation_band_index" on "evaluation" ("band");`);

    this.addSql(`create table "code_snapshot" ("id" uuid not null, "session_id" uuid not null, "seq" int not null, "language" varchar(40) not null, "text" text not null, "content_hash" varchar(64) not null, "document_version" int not null, "cursor" jsonb null, "selection" jsonb null, "diagnostics" jsonb not null, "created_at" timestamptz not null, constraint "code_snapshot_pkey" primary key ("id"));`);
    this.addSql(`alter table "code_snapshot" add constraint "code_snapshot_session_seq_unique" unique ("session_id", "seq");`);

    this.addSql(`create table "api_token" ("id" uuid not null, "user_id" uuid not null, "token_hash" varchar(64) not null, "expires_at" timestamptz not null, "last_used_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "api_token_pkey" primary key ("id"));`);
    this.addSql(`create index "api_token_user_id_index" on "api_token" ("user_id");`);
    this.addSql(`alter table "api_token" add constraint "api_token_token_hash_unique" unique ("token_hash");`);

    this.addSql(`alter table "interview_session" add constraint "interview_session_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "interview_session" add constraint "interview_session_problem_id_foreign" foreign key ("problem_id") references "problem" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "turn" add constraint "turn_session_id_foreign" foreign key ("session_id") references "interview_session" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "evaluation" add constraint "evaluation_session_id_foreign" foreign key ("session_id") references "interview_session" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "code_snapshot" add constraint "code_snapshot_session_id_foreign" foreign key ("session_id") references "interview_session" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "api_token" add constraint "api_token_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    for (const table of ['evaluation', 'code_snapshot', 'turn', 'interview_session', 'api_token', 'app_user', 'problem']) {
      this.addSql(`drop table if exists "${table}" cascade;`);
    }
  }
}
