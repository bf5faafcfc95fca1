import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 14: every audit entry about a student's record carries the student's id
 * (shared/src/audit/audit-scope.ts), so the student page can show all of them, rectifications
 * (whose target names the result) included. Existing entries get theirs from their target: the
 * studentId it names, or the student of the result or registration it names. Only the new column
 * is filled; the append-only row trigger (which refuses any UPDATE) is set aside for that one
 * statement, inside this migration's transaction, and back before it commits.
 */
export class Migration20261129120000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "audit_entry" add column "student_id" uuid null;`);
    this.addSql(`create index "audit_entry_student_id_at_index" on "audit_entry" ("student_id", "at");`);
    this.addSql(`do $$
declare guarded boolean := exists (select 1 from pg_trigger where tgname = 'pioneer_append_only_rows' and tgrelid = 'audit_entry'::regclass);
begin
  if guarded then execute 'alter table "audit_entry" disable trigger "pioneer_append_only_rows"'; end if;
  update "audit_entry" a set "student_id" = coalesce(
    (substring(a."target" from 'studentId=([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})'))::uuid,
    (select e."student_id" from "exam_result" x join "registration" r on r."id" = x."registration_id" join "enrolment" e on e."id" = r."enrolment_id"
      where x."id" = (substring(a."target" from 'resultId=([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})'))::uuid),
    (select e."student_id" from "registration" r join "enrolment" e on e."id" = r."enrolment_id"
      where r."id" = (substring(a."target" from 'registrationId=([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})'))::uuid))
  where a."target" ~ '(studentId|resultId|registrationId)=[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
  if guarded then execute 'alter table "audit_entry" enable trigger "pioneer_append_only_rows"'; end if;
end $$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "audit_entry_student_id_at_index";`);
    this.addSql(`alter table "audit_entry" drop column if exists "student_id";`);
  }

}
