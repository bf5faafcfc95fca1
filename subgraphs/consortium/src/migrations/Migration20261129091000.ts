import { Migration } from '@mikro-orm/migrations';

/** Human-readable document numbers (PIONEER-DS-2024-0001), sequential per kind and intake. */
export class Migration20261129091000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "document_number_counter" ("kind" varchar(32) not null, "intake" int not null, "last" int not null, constraint "document_number_counter_pkey" primary key ("kind", "intake"));`);
    this.addSql(`alter table "issued_document" add column "number" varchar(40) null;`);

    // Documents issued before numbers existed get theirs in issue order; the immutability trigger
    // is off for this one statement only.
    this.addSql(`alter table "issued_document" disable trigger "issued_document_immutable";`);
    this.addSql(`update "issued_document" d set "number" = n."number" from (
        select d2."id", 'PIONEER-' || (case d2."kind" when 'DIPLOMA' then 'DIP' when 'DIPLOMA_SUPPLEMENT' then 'DS' else 'TOR' end) || '-' || s."cohort" || '-'
          || lpad((row_number() over (partition by d2."kind", s."cohort" order by d2."created_at", d2."id"))::text, 4, '0') as "number"
        from "issued_document" d2 join "student" s on s."id" = d2."student_id") n
      where n."id" = d."id";`);
    this.addSql(`alter table "issued_document" enable trigger "issued_document_immutable";`);
    this.addSql(`insert into "document_number_counter" ("kind", "intake", "last")
      select d."kind", s."cohort", count(*) from "issued_document" d join "student" s on s."id" = d."student_id" group by d."kind", s."cohort";`);
    this.addSql(`alter table "issued_document" alter column "number" set not null;`);
    this.addSql(`alter table "issued_document" add constraint "issued_document_number_unique" unique ("number");`);

    // The number is part of what never changes.
    this.addSql(`create or replace function "issued_document_immutable"() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' then raise exception 'issued documents are never deleted'; end if;
        if old.revoked_on is not null
          or (new.id, new.student_id, new.kind, new.version, new.issued_on, new.number, new.snapshot, new.record_fingerprint, new.pdf, new.pdf_sha256, new.xml, new.xml_sha256, new.created_at)
             is distinct from (old.id, old.student_id, old.kind, old.version, old.issued_on, old.number, old.snapshot, old.record_fingerprint, old.pdf, old.pdf_sha256, old.xml, old.xml_sha256, old.created_at)
        then raise exception 'issued documents are immutable; only a revocation is added, once'; end if;
        return new;
      end $$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "issued_document" drop constraint "issued_document_number_unique";`);
    this.addSql(`alter table "issued_document" drop column "number";`);
    this.addSql(`drop table if exists "document_number_counter" cascade;`);
  }

}
