import { randomUUID } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { isValidIdNumber } from '../departments/id-number';
import { idDigest } from '../households/personal-data';
import { ComparisonImport } from './comparison-import.entity';
import { ComparisonLead } from './comparison-lead.entity';
import type { ListRow } from './comparison-rows';

/** Rows per page: one digest lookup and one lead insert per page, so an import is O(rows) with flat memory. */
export const COMPARISON_PAGE = 1_000;

interface Match {
  memberId: string;
  householdId: string;
  digest: string;
  regionCode: string;
  regionPath: string;
}

/**
 * Compares a department list with the live recipients of the import's region subtree, page by page: each row's ID
 * number is digested (the database holds digests, never clear ID numbers to compare), matched against members of
 * households still on the program, and every matched member becomes one lead (unique per import and member, so a
 * list naming a person twice makes one lead). Counts are written after each page, so progress is visible and a
 * failure leaves what was done counted.
 */
export async function runComparison(orm: MikroORM, digestKey: string, record: ComparisonImport, rows: AsyncIterable<ListRow>): Promise<ComparisonImport> {
  const em = orm.em.fork();
  let page: ListRow[] = [];
  const flush = async () => {
    await comparePage(em, digestKey, record, page);
    page = [];
  };
  for await (const row of rows) {
    record.records += 1;
    if (!isValidIdNumber(row.idNumber)) {
      record.rejectedRows += 1;
      continue;
    }
    page.push(row);
    if (page.length >= COMPARISON_PAGE) await flush();
  }
  await flush();
  record.leads = await em.count(ComparisonLead, { importId: record.id });
  record.status = 'done';
  record.finishedAt = new Date();
  await em.upsert(ComparisonImport, record);
  return record;
}

async function comparePage(em: EntityManager, digestKey: string, record: ComparisonImport, page: ListRow[]): Promise<void> {
  const byDigest = new Map<string, ListRow[]>();
  for (const row of page) {
    const digest = idDigest(digestKey, row.idNumber);
    byDigest.set(digest, [...(byDigest.get(digest) ?? []), row]);
  }
  const matches = byDigest.size === 0 ? [] : await liveMembers(em, [...byDigest.keys()], record.regionPath);
  const leads = new Map<string, ComparisonLead>();
  for (const m of matches) {
    record.matches += byDigest.get(m.digest)!.length;
    if (leads.has(m.memberId)) continue;
    const detail = byDigest.get(m.digest)!.map((r) => r.detail).join(' | ');
    leads.set(m.memberId, new ComparisonLead({ id: randomUUID(), importId: record.id, source: record.source, householdId: m.householdId, memberId: m.memberId, regionCode: m.regionCode, regionPath: m.regionPath, detail, createdAt: new Date() }));
  }
  await em.transactional(async (tx) => {
    if (leads.size > 0) {
      await (tx as SqlEntityManager).createQueryBuilder(ComparisonLead).insert([...leads.values()]).onConflict(['import_id', 'member_id']).ignore().execute();
    }
    await tx.upsert(ComparisonImport, record);
  });
}

/** Members of households on the program in the subtree whose ID digest is one of these (indexed on the digest). */
async function liveMembers(em: EntityManager, digests: string[], regionPath: string): Promise<Match[]> {
  const knex = (em as SqlEntityManager).getKnex();
  const rows: { member_id: string; household_id: string; id_digest: string; region_code: string; region_path: string }[] = await knex('members as m')
    .join('recipients as r', 'r.household_id', 'm.household_id')
    .whereIn('m.id_digest', digests)
    .whereNot('r.status', 'terminated')
    .where('r.region_path', 'like', `${regionPath}%`)
    .select('m.id as member_id', 'm.household_id', 'm.id_digest', 'r.region_code', 'r.region_path');
  return rows.map((r) => ({ memberId: r.member_id, householdId: r.household_id, digest: r.id_digest, regionCode: r.region_code, regionPath: r.region_path }));
}
