import { Migration } from '@mikro-orm/migrations';

export class Migration20261122081417 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "defence_committee" ("id" uuid not null, "academic_year" int not null, "appointed_on" date not null, "members" jsonb not null, constraint "defence_committee_pkey" primary key ("id"));`);
    this.addSql(`alter table "defence_committee" add constraint "defence_committee_academic_year_unique" unique ("academic_year");`);

    this.addSql(`alter table "thesis" add column "defence_committee_id" uuid null;`);
    this.addSql(`alter table "thesis" add constraint "thesis_defence_committee_id_foreign" foreign key ("defence_committee_id") references "defence_committee" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "thesis" drop constraint "thesis_defence_committee_id_foreign";`);

    this.addSql(`drop table if exists "defence_committee" cascade;`);

    this.addSql(`alter table "thesis" drop column "defence_committee_id";`);
  }

}
