import { Migration } from '@mikro-orm/migrations';

export class Migration20261122080746 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "hearing" ("id" uuid not null, "student_id" uuid not null, "subject" varchar(300) not null, "held_on" date not null, "statement" text not null, constraint "hearing_pkey" primary key ("id"));`);

    this.addSql(`alter table "hearing" add constraint "hearing_student_id_foreign" foreign key ("student_id") references "student" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "committee_decision" drop constraint if exists "committee_decision_kind_check";`);

    this.addSql(`alter table "committee_decision" add column "hearing_id" uuid null;`);
    this.addSql(`alter table "committee_decision" add constraint "committee_decision_hearing_id_foreign" foreign key ("hearing_id") references "hearing" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "committee_decision" add constraint "committee_decision_kind_check" check("kind" in ('THESIS_EXTENSION', 'DEFENCE_EXTENSION', 'EXCLUSION'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "committee_decision" drop constraint "committee_decision_hearing_id_foreign";`);

    this.addSql(`drop table if exists "hearing" cascade;`);

    this.addSql(`alter table "committee_decision" drop constraint if exists "committee_decision_kind_check";`);

    this.addSql(`alter table "committee_decision" drop column "hearing_id";`);

    this.addSql(`alter table "committee_decision" add constraint "committee_decision_kind_check" check("kind" in ('THESIS_EXTENSION'));`);
  }

}
