import { Migration } from '@mikro-orm/migrations';

export class Migration20261122072705 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "student" ("id" uuid not null, "given_name" varchar(100) not null, "family_name" varchar(100) not null, "date_of_birth" date not null, "place_of_birth" varchar(200) not null, "cohort" int not null, constraint "student_pkey" primary key ("id"));`);
    this.addSql(`create index "student_cohort_family_name_given_name_index" on "student" ("cohort", "family_name", "given_name");`);

    this.addSql(`create table "thesis" ("id" uuid not null, "student_id" uuid not null, "attempt" int not null, "title" varchar(300) not null, "supervisor" varchar(200) not null, "state" text check ("state" in ('TOPIC_ASSIGNED', 'SUBMITTED', 'DEFENCE_SCHEDULED', 'PASSED', 'FAILED', 'PERMANENTLY_FAILED')) not null, "topic_assigned_on" date not null, "submission_deadline" date not null, "submitted_on" date null, "defended_on" date null, "score" int null, constraint "thesis_pkey" primary key ("id"));`);
    this.addSql(`alter table "thesis" add constraint "thesis_student_id_attempt_unique" unique ("student_id", "attempt");`);

    this.addSql(`alter table "thesis" add constraint "thesis_student_id_foreign" foreign key ("student_id") references "student" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "thesis" drop constraint "thesis_student_id_foreign";`);

    this.addSql(`drop table if exists "student" cascade;`);

    this.addSql(`drop table if exists "thesis" cascade;`);
  }

}
