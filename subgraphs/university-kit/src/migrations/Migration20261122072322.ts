import { Migration } from '@mikro-orm/migrations';

export class Migration20261122072322 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "course" ("id" uuid not null, "code" varchar(32) not null, "title" varchar(200) not null, "course_type" varchar(100) not null, "examination_types" text[] not null, "credits" int not null, "semester" int not null, "overall_weight" int null, constraint "course_pkey" primary key ("id"));`);
    this.addSql(`alter table "course" add constraint "course_code_unique" unique ("code");`);

    this.addSql(`create table "enrolment" ("id" uuid not null, "student_id" uuid not null, "student_number" varchar(32) not null, "enrolled_on" date not null, constraint "enrolment_pkey" primary key ("id"));`);
    this.addSql(`alter table "enrolment" add constraint "enrolment_student_id_unique" unique ("student_id");`);
    this.addSql(`alter table "enrolment" add constraint "enrolment_student_number_unique" unique ("student_number");`);

    this.addSql(`create table "exam_component" ("id" uuid not null, "course_id" uuid not null, "key" varchar(40) not null, "title" varchar(200) not null, "kind" text check ("kind" in ('SCORED', 'PASS_FAIL')) not null, "weight" int not null, "max_attempts" int not null, "position" int not null, constraint "exam_component_pkey" primary key ("id"));`);
    this.addSql(`alter table "exam_component" add constraint "exam_component_course_id_key_unique" unique ("course_id", "key");`);

    this.addSql(`create table "recognition" ("id" uuid not null, "enrolment_id" uuid not null, "course_id" uuid not null, "decision_reference" varchar(64) not null, "decided_on" date not null, "points" int null, "recorded_by" varchar(200) not null, constraint "recognition_pkey" primary key ("id"));`);
    this.addSql(`alter table "recognition" add constraint "recognition_enrolment_id_course_id_unique" unique ("enrolment_id", "course_id");`);

    this.addSql(`create table "registration" ("id" uuid not null, "enrolment_id" uuid not null, "component_id" uuid not null, "attempt" int not null, "registered_on" date not null, constraint "registration_pkey" primary key ("id"));`);
    this.addSql(`alter table "registration" add constraint "registration_enrolment_id_component_id_attempt_unique" unique ("enrolment_id", "component_id", "attempt");`);

    this.addSql(`create table "exam_result" ("id" uuid not null, "registration_id" uuid not null, "status" text check ("status" in ('GRADED', 'ABSENT', 'WITHDRAWN', 'FRAUD', 'PLAGIARISM')) not null, "points" int null, "passed" boolean null, "examined_on" date not null, "examiner" varchar(200) not null, "version" int not null default 1, "recorded_by" varchar(200) not null, "recorded_at" timestamptz not null, constraint "exam_result_pkey" primary key ("id"));`);
    this.addSql(`alter table "exam_result" add constraint "exam_result_registration_id_unique" unique ("registration_id");`);

    this.addSql(`create table "result_version" ("id" uuid not null, "result_id" uuid not null, "version" int not null, "status" text check ("status" in ('GRADED', 'ABSENT', 'WITHDRAWN', 'FRAUD', 'PLAGIARISM')) not null, "points" int null, "passed" boolean null, "examined_on" date not null, "examiner" varchar(200) not null, "changed_by" varchar(200) not null, "changed_at" timestamptz not null, "reason" text null, constraint "result_version_pkey" primary key ("id"));`);
    this.addSql(`alter table "result_version" add constraint "result_version_result_id_version_unique" unique ("result_id", "version");`);

    this.addSql(`alter table "exam_component" add constraint "exam_component_course_id_foreign" foreign key ("course_id") references "course" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "recognition" add constraint "recognition_enrolment_id_foreign" foreign key ("enrolment_id") references "enrolment" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "recognition" add constraint "recognition_course_id_foreign" foreign key ("course_id") references "course" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "registration" add constraint "registration_enrolment_id_foreign" foreign key ("enrolment_id") references "enrolment" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "registration" add constraint "registration_component_id_foreign" foreign key ("component_id") references "exam_component" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "exam_result" add constraint "exam_result_registration_id_foreign" foreign key ("registration_id") references "registration" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "result_version" add constraint "result_version_result_id_foreign" foreign key ("result_id") references "exam_result" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "exam_component" drop constraint "exam_component_course_id_foreign";`);

    this.addSql(`alter table "recognition" drop constraint "recognition_course_id_foreign";`);

    this.addSql(`alter table "recognition" drop constraint "recognition_enrolment_id_foreign";`);

    this.addSql(`alter table "registration" drop constraint "registration_enrolment_id_foreign";`);

    this.addSql(`alter table "registration" drop constraint "registration_component_id_foreign";`);

    this.addSql(`alter table "exam_result" drop constraint "exam_result_registration_id_foreign";`);

    this.addSql(`alter table "result_version" drop constraint "result_version_result_id_foreign";`);

    this.addSql(`drop table if exists "course" cascade;`);

    this.addSql(`drop table if exists "enrolment" cascade;`);

    this.addSql(`drop table if exists "exam_component" cascade;`);

    this.addSql(`drop table if exists "recognition" cascade;`);

    this.addSql(`drop table if exists "registration" cascade;`);

    this.addSql(`drop table if exists "exam_result" cascade;`);

    this.addSql(`drop table if exists "result_version" cascade;`);
  }

}
