import { Migration } from '@mikro-orm/migrations';

/** ELMO files put on record for recognition (§13 (2)), and the decisions citing them (issue 15 item 3). */
export class Migration20261129121851 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "elmo_import" ("id" uuid not null, "student_id" uuid not null, "file_name" varchar(200) not null, "content" bytea not null, "sha256" varchar(64) not null, "size" int not null, "signer" jsonb null, "learner" jsonb not null, "learning_opportunities" jsonb not null, "imported_by" varchar(200) not null, "imported_by_name" varchar(200) not null, "imported_at" timestamptz not null, constraint "elmo_import_pkey" primary key ("id"));`);
    this.addSql(`alter table "elmo_import" add constraint "elmo_import_student_id_sha256_unique" unique ("student_id", "sha256");`);

    this.addSql(`alter table "elmo_import" add constraint "elmo_import_student_id_foreign" foreign key ("student_id") references "student" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "committee_decision" add column "elmo_import_id" uuid null, add column "learning_opportunity_keys" jsonb null;`);
    this.addSql(`alter table "committee_decision" add constraint "committee_decision_elmo_import_id_foreign" foreign key ("elmo_import_id") references "elmo_import" ("id") on update cascade on delete restrict;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "committee_decision" drop constraint "committee_decision_elmo_import_id_foreign";`);

    this.addSql(`drop table if exists "elmo_import" cascade;`);

    this.addSql(`alter table "committee_decision" drop column "elmo_import_id", drop column "learning_opportunity_keys";`);
  }

}
