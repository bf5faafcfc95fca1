import { Migration } from '@mikro-orm/migrations';

/**
 * The catalogue per academic year (issue 15 item 5, docs/catalogue.md "Editions"): a course row is
 * an edition of its code from an academic year on. Every existing course, with every registration,
 * result, recognition and catalogue change tied to it, becomes the edition from 2017/18 — the first
 * academic year the regulations apply to (§22), so all existing data, whatever its year, keeps the
 * one description it was recorded under. catalogue_change is append-only (its row triggers refuse
 * UPDATE even to the owner): its new column is filled by ADD COLUMN's default, which fires no row
 * trigger, and the default is dropped after.
 */
export class Migration20261129133000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "course" add column "academic_year" int not null default 2017, add column "retired_on" date null;`);
    this.addSql(`alter table "course" alter column "academic_year" drop default;`);
    this.addSql(`alter table "course" drop constraint "course_code_unique";`);
    this.addSql(`alter table "course" add constraint "course_code_academic_year_unique" unique ("code", "academic_year");`);
    this.addSql(`alter table "catalogue_change" add column "academic_year" int not null default 2017;`);
    this.addSql(`alter table "catalogue_change" alter column "academic_year" drop default;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "catalogue_change" drop column "academic_year";`);
    this.addSql(`alter table "course" drop constraint "course_code_academic_year_unique";`);
    this.addSql(`alter table "course" add constraint "course_code_unique" unique ("code");`);
    this.addSql(`alter table "course" drop column "academic_year", drop column "retired_on";`);
  }

}
