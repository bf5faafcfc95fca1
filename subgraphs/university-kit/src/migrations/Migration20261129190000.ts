import { Migration } from '@mikro-orm/migrations';

/**
 * A result names its student's enrolment (issue 16): a student's record read its results through
 * a hash join over every result of the university, a sequential scan per page whose cost grew
 * with the university rather than the page (48 ms per page of 500 at KU Leuven with 11,000
 * students; 17 ms with this index). The column repeats the registration's enrolment, and a
 * trigger holds it to exactly that: a result cannot name another enrolment than its
 * registration's. (A composite foreign key would say the same, but MikroORM's schema diff cannot
 * express it and the next generated migration would drop it; it leaves triggers alone, as it
 * does the append-only ones.) Existing results are filled from their registrations.
 */
export class Migration20261129190000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "exam_result" add column "enrolment_id" uuid null;`);
    this.addSql(`update "exam_result" x set "enrolment_id" = r."enrolment_id" from "registration" r where r."id" = x."registration_id";`);
    this.addSql(`alter table "exam_result" alter column "enrolment_id" set not null;`);
    this.addSql(`alter table "exam_result" add constraint "exam_result_enrolment_id_foreign" foreign key ("enrolment_id") references "enrolment" ("id") on update cascade on delete cascade;`);
    this.addSql(`create index "exam_result_enrolment_id_index" on "exam_result" ("enrolment_id");`);
    this.addSql(`create or replace function pioneer_result_enrolment() returns trigger language plpgsql as $$
      begin
        if new.enrolment_id is distinct from (select r.enrolment_id from registration r where r.id = new.registration_id) then
          raise exception 'result % names enrolment %, not its registration''s', new.id, new.enrolment_id using errcode = '23514', constraint = 'exam_result_enrolment_of_registration';
        end if;
        return new;
      end $$;`);
    this.addSql(`create trigger pioneer_result_enrolment before insert or update of registration_id, enrolment_id on "exam_result" for each row execute function pioneer_result_enrolment();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger pioneer_result_enrolment on "exam_result";`);
    this.addSql(`drop function pioneer_result_enrolment();`);
    this.addSql(`alter table "exam_result" drop column "enrolment_id";`);
  }

}
