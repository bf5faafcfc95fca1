import { Migration } from '@mikro-orm/migrations';

/**
 * Name search ignoring case and accents (issue 15 item 4: "jose" finds "José", "muller" finds
 * "Müller", "strasse" finds "Straße") with PostgreSQL's `unaccent`. The owner role the migrations
 * run as may not create extensions (no CREATE on the database): the administrator creates it
 * before the migrations (`prepareDatabaseRoles(url, consortiumDatabaseExtensions)`); here it is
 * only made sure of, which needs no privilege once it exists (and works for a superuser).
 */
export class Migration20261129133000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create extension if not exists "unaccent";`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop extension if exists "unaccent";`);
  }

}
