import { Migration } from '@mikro-orm/migrations';

/** Idempotency keys of mutations (issue 12 item 3, shared/src/audit/idempotency-record.entity.ts). */
export class Migration20261129091501 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "idempotency_key" ("id" uuid not null, "actor" varchar(200) not null, "key" varchar(100) not null, "fingerprint" varchar(64) not null, "operation" varchar(100) not null, "created_at" timestamptz not null, "response" jsonb null, constraint "idempotency_key_pkey" primary key ("id"));`);
    this.addSql(`create index "idempotency_key_created_at_index" on "idempotency_key" ("created_at");`);
    this.addSql(`alter table "idempotency_key" add constraint "idempotency_key_actor_key_unique" unique ("actor", "key");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "idempotency_key" cascade;`);
  }

}
