import { Migration } from '@mikro-orm/migrations';

/** A migration with one SQL script per dialect; the running driver picks its own. */
export abstract class DialectMigration extends Migration {
  protected abstract readonly postgresql: string;
  protected abstract readonly sqlite: string;

  override async up(): Promise<void> {
    const platform = this.driver.getPlatform().constructor.name.toLowerCase();
    const script = platform.includes('postgre') ? this.postgresql : this.sqlite;
    for (const statement of splitStatements(script)) this.addSql(statement);
  }
}

/** Splits a generated script into statements (the generator never puts ';' inside literals). */
export function splitStatements(script: string): string[] {
  return script
    .split(/;\s*\n/)
    .map((s) => s.trim().replace(/;$/, ''))
    .filter((s) => s.length > 0 && !/^(set names|set session_replication_role|pragma foreign_keys)/i.test(s));
}
