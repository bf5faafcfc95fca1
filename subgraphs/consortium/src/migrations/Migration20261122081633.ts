import { Migration } from '@mikro-orm/migrations';

export class Migration20261122081633 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "committee_decision" drop constraint if exists "committee_decision_kind_check";`);

    this.addSql(`alter table "committee_decision" add column "university" varchar(16) null, add column "course_code" varchar(32) null;`);
    this.addSql(`alter table "committee_decision" add constraint "committee_decision_kind_check" check("kind" in ('THESIS_EXTENSION', 'DEFENCE_EXTENSION', 'EXCLUSION', 'RECOGNITION', 'EXAMINATION_FAILED_FOR_PLAGIARISM', 'THESIS_FAILED_FOR_DECEPTION'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "committee_decision" drop constraint if exists "committee_decision_kind_check";`);

    this.addSql(`alter table "committee_decision" drop column "university", drop column "course_code";`);

    this.addSql(`alter table "committee_decision" add constraint "committee_decision_kind_check" check("kind" in ('THESIS_EXTENSION', 'DEFENCE_EXTENSION', 'EXCLUSION'));`);
  }

}
