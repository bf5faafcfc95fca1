import { Migration } from '@mikro-orm/migrations';

export class Migration20261125143012 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "issued_document" ("id" uuid not null, "student_id" uuid not null, "kind" text check ("kind" in ('DIPLOMA', 'DIPLOMA_SUPPLEMENT', 'TRANSCRIPT_OF_RECORDS')) not null, "version" int not null, "issued_on" date not null, "snapshot" jsonb not null, "record_fingerprint" varchar(64) not null, "pdf" bytea not null, "pdf_sha256" varchar(64) not null, "xml" text null, "xml_sha256" varchar(64) null, "revoked_on" date null, "revocation_reason" text null, "created_at" timestamptz not null, constraint "issued_document_pkey" primary key ("id"));`);
    this.addSql(`create index "issued_document_student_id_kind_index" on "issued_document" ("student_id", "kind");`);
    this.addSql(`alter table "issued_document" add constraint "issued_document_student_id_kind_version_unique" unique ("student_id", "kind", "version");`);

    this.addSql(`create table "exmatriculation" ("id" uuid not null, "student_id" uuid not null, "certificate_date" date not null, "reference" varchar(100) not null, "presented_on" date not null, constraint "exmatriculation_pkey" primary key ("id"));`);
    this.addSql(`alter table "exmatriculation" add constraint "exmatriculation_student_id_unique" unique ("student_id");`);

    this.addSql(`alter table "issued_document" add constraint "issued_document_student_id_foreign" foreign key ("student_id") references "student" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "exmatriculation" add constraint "exmatriculation_student_id_foreign" foreign key ("student_id") references "student" ("id") on update cascade on delete restrict;`);

    // Issued documents are immutable (§17 (2), §18 (1): a duplicate is kept): only a revocation may
    // be added, once; nothing is deleted. Written by hand: the entity diff does not know triggers.
    this.addSql(`create function "issued_document_immutable"() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' then raise exception 'issued documents are never deleted'; end if;
        if old.revoked_on is not null
          or (new.id, new.student_id, new.kind, new.version, new.issued_on, new.snapshot, new.record_fingerprint, new.pdf, new.pdf_sha256, new.xml, new.xml_sha256, new.created_at)
             is distinct from (old.id, old.student_id, old.kind, old.version, old.issued_on, old.snapshot, old.record_fingerprint, old.pdf, old.pdf_sha256, old.xml, old.xml_sha256, old.created_at)
        then raise exception 'issued documents are immutable; only a revocation is added, once'; end if;
        return new;
      end $$;`);
    this.addSql(`create trigger "issued_document_immutable" before update or delete on "issued_document" for each row execute function "issued_document_immutable"();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "issued_document" cascade;`);
    this.addSql(`drop function if exists "issued_document_immutable"();`);

    this.addSql(`drop table if exists "exmatriculation" cascade;`);
  }

}
