import { Migration } from '@mikro-orm/migrations';

export class Migration20261122075910 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "committee_decision" ("id" uuid not null, "student_id" uuid not null, "thesis_id" uuid null, "kind" text check ("kind" in ('THESIS_EXTENSION')) not null, "decided_on" date not null, "reason" text not null, "weeks" int null, constraint "committee_decision_pkey" primary key ("id"));`);

    this.addSql(`alter table "committee_decision" add constraint "committee_decision_student_id_foreign" foreign key ("student_id") references "student" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "committee_decision" add constraint "committee_decision_thesis_id_foreign" foreign key ("thesis_id") references "thesis" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "thesis" add column "topic_changes" int not null default 0, add column "extension_weeks" int not null default 0, add column "bound_copies" int null, add column "bound_copies_on" date null, add column "digital_on" date null, add column "defence_on" date null, add column "defence_host" varchar(16) null, add column "defence_extension_weeks" int not null default 0, add column "examiner_scores" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "committee_decision" cascade;`);

    this.addSql(`alter table "thesis" drop column "topic_changes", drop column "extension_weeks", drop column "bound_copies", drop column "bound_copies_on", drop column "digital_on", drop column "defence_on", drop column "defence_host", drop column "defence_extension_weeks", drop column "examiner_scores";`);
  }

}
