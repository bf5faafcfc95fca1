import { Migration } from '@mikro-orm/migrations';

export class Migration20261122080415 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "admission" ("id" uuid not null, "student_id" uuid not null, "bachelor_degree" varchar(200) not null, "bachelor_institution" varchar(200) not null, "bachelor_credits" int not null, "bachelor_field" varchar(40) not null, "english_proficiency" varchar(200) not null, "decided_on" date not null, "decision_reference" varchar(64) not null, constraint "admission_pkey" primary key ("id"));`);
    this.addSql(`alter table "admission" add constraint "admission_student_id_unique" unique ("student_id");`);

    this.addSql(`alter table "admission" add constraint "admission_student_id_foreign" foreign key ("student_id") references "student" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "admission" cascade;`);
  }

}
