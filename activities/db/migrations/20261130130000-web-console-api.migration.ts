import { DialectMigration } from './dialect-migration';

/**
 * The web console's API: the public case-status lookup's digest on applications (filled for older rows by setup,
 * see status-lookup-backfill.ts, since the digest needs the key and the decrypted ID number) and the index of the
 * payee list's keyset pages. Never edit after release.
 */
export class Migration20261130130000_web_console_api extends DialectMigration {
  protected readonly postgresql = `
alter table "applications" add column "status_lookup_digest" varchar(64) null;
create index "payments_batch_payees" on "payments" ("batch_id", "township_code", "id");
`;

  protected readonly sqlite = `
alter table \`applications\` add column \`status_lookup_digest\` text null;
create index \`payments_batch_payees\` on \`payments\` (\`batch_id\`, \`township_code\`, \`id\`);
`;
}
