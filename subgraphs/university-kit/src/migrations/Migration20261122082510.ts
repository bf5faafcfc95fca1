import { Migration } from '@mikro-orm/migrations';

export class Migration20261122082510 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "registration_cancellation" ("id" uuid not null, "enrolment_id" uuid not null, "component_id" uuid not null, "attempt" int not null, "registered_on" date not null, "cancelled_on" date not null, "reason" text not null, "cancelled_by" varchar(200) not null, constraint "registration_cancellation_pkey" primary key ("id"));`);

    this.addSql(`alter table "registration_cancellation" add constraint "registration_cancellation_enrolment_id_foreign" foreign key ("enrolment_id") references "enrolment" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "registration_cancellation" add constraint "registration_cancellation_component_id_foreign" foreign key ("component_id") references "exam_component" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "registration_cancellation" cascade;`);
  }

}
