import { Migration } from '@mikro-orm/migrations';

/** Issue 11: catalogue changes with who, when and why; versions for optimistic concurrency. */
export class Migration20261129090000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "catalogue_change" ("id" uuid not null, "course_code" varchar(32) not null, "component_key" varchar(40) null, "field" varchar(32) not null, "old_value" varchar(200) null, "new_value" varchar(200) null, "reason" text not null, "changed_by" varchar(200) not null, "changed_at" timestamptz not null, constraint "catalogue_change_pkey" primary key ("id"));`);
    this.addSql(`create index "catalogue_change_course_code_index" on "catalogue_change" ("course_code");`);
    this.addSql(`alter table "course" add column "version" int not null default 1;`);
    this.addSql(`alter table "exam_component" add column "version" int not null default 1;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "catalogue_change" cascade;`);
    this.addSql(`alter table "course" drop column "version";`);
    this.addSql(`alter table "exam_component" drop column "version";`);
  }

}
