import { Migration } from '@mikro-orm/migrations';

/**
 * Committee decisions by student: progression reads every student's exclusions (§20) for each
 * page of an intake, which without an index scanned every decision of the consortium (issue 16).
 */
export class Migration20261129150000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "committee_decision_student_id_index" on "committee_decision" ("student_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "committee_decision_student_id_index";`);
  }

}
