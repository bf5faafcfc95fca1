import { Migration } from '@mikro-orm/migrations';

/** Issue 11: a version on every thesis for optimistic concurrency (MikroORM version property). */
export class Migration20261129091500 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "thesis" add column "version" int not null default 1;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "thesis" drop column "version";`);
  }

}
