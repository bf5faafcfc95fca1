import { Migration } from '@mikro-orm/migrations';

export class Migration20261125143038 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "audit_entry" ("id" uuid not null, "at" timestamptz not null, "service" varchar(64) not null, "actor" varchar(200) not null, "actor_name" varchar(200) not null, "roles" varchar(300) not null, "operation" varchar(100) not null, "target" varchar(500) null, "outcome" varchar(64) not null, constraint "audit_entry_pkey" primary key ("id"));`);
    this.addSql(`create index "audit_entry_at_index" on "audit_entry" ("at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "audit_entry" cascade;`);
  }

}
