import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import ExcelJS from 'exceljs';
import { ComparisonImport } from '../../activities/comparison/comparison-import.entity';
import { ComparisonLead } from '../../activities/comparison/comparison-lead.entity';
import { csvRows, ListFormatError, xlsxRows } from '../../activities/comparison/comparison-rows';
import { COMPARISON_PAGE, runComparison } from '../../activities/comparison/comparison-runner';
import { Household } from '../../activities/households/household.entity';
import { Member } from '../../activities/households/member.entity';
import { idDigest } from '../../activities/households/personal-data';
import { Recipient } from '../../activities/recipients/recipient.entity';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { fakeIdNumber, randomBirthDate } from '../helpers/factories';

/** 数据比对 against a real database: a department list streamed in pages, matched by ID digest to live recipients. */
let db: TestDatabase;
let orm: MikroORM;
const KEY = 'k'.repeat(40);
const KC = '220000/220100/220103/';
beforeAll(async () => {
  db = await createTestDatabase();
  orm = db.orm;
});
afterAll(async () => {
  await db?.drop();
});

/** A household of two on the program (or terminated), in a village under the given county path. */
async function recipientHousehold(countyPath: string, status: Recipient['status'] = 'active'): Promise<{ householdId: string; ids: string[]; memberIds: string[] }> {
  const em = orm.em.fork();
  const regionCode = `${countyPath.split('/').at(-2)}001001`;
  const regionPath = `${countyPath}${regionCode.slice(0, 9)}/${regionCode}/`;
  const household = new Household({ id: randomUUID(), regionCode, regionPath, area: 'urban', address: '长春市宽城区某路1号', phone: null });
  const ids = [0, 1].map(() => fakeIdNumber('220103', randomBirthDate(1950, 1990)));
  const members = ids.map((idNumber, position) => new Member({ id: randomUUID(), position, name: '张三', idNumber, idDigest: idDigest(KEY, idNumber), relation: position === 0 ? 'head' : 'spouse', birthDate: '1960-01-01', declaredMonthlyIncomeFen: 0, disabilityGrade: null }));
  members.forEach((m) => household.members.add(m));
  const recipient = new Recipient({ id: randomUUID(), householdId: household.id, applicationId: randomUUID(), program: 'dibao', regionCode, regionPath, monthlyBenefitFen: 50_000, basis: 'household', membersCounted: 2, startMonth: '2026-01', policySnapshotId: 'snap', createdAt: new Date() });
  recipient.status = status;
  await em.persistAndFlush([household, recipient]);
  return { householdId: household.id, ids, memberIds: members.map((m) => m.id) };
}

function newImport(format: 'csv' | 'xlsx'): ComparisonImport {
  return new ComparisonImport({ id: randomUUID(), source: 'death', regionCode: '220103', regionPath: KC, format, startedById: 'checker', startedAt: new Date() });
}

async function fixture() {
  const live = await recipientHousehold(KC);
  const other = await recipientHousehold(KC);
  const left = await recipientHousehold(KC, 'terminated');
  const elsewhere = await recipientHousehold('320000/320700/320723/');
  const filler = Array.from({ length: COMPARISON_PAGE * 2 + 17 }, () => fakeIdNumber('110101', randomBirthDate(1930, 2000)));
  const rows: [string, string][] = [
    [live.ids[0], '2026-10-01'],
    ...filler.slice(0, COMPARISON_PAGE + 5).map((id) => [id, '2026-09-01'] as [string, string]),
    [live.ids[0], '2026-10-01'],
    [other.ids[1], '2026-10-02'],
    [left.ids[0], '2026-10-03'],
    [elsewhere.ids[0], '2026-10-04'],
    ['12345', '2026-10-05'],
    ...filler.slice(COMPARISON_PAGE + 5).map((id) => [id, '2026-09-02'] as [string, string]),
  ];
  return { live, other, rows };
}

test('a CSV list: every row counted, malformed ID numbers skipped, one lead per live member of the subtree', async () => {
  const { live, other, rows } = await fixture();
  const csv = ['身份证号,死亡日期', ...rows.map(([id, date]) => `${id},${date}`)].join('\n');
  const done = await runComparison(orm, KEY, newImport('csv'), csvRows(Readable.from([Buffer.from(csv)])));
  expect(done).toMatchObject({ status: 'done', records: rows.length, rejectedRows: 1, matches: 3, leads: 2 });

  const leads = await orm.em.fork().find(ComparisonLead, { importId: done.id }, { orderBy: { memberId: 'asc' } });
  expect(leads.map((l) => l.memberId).sort()).toEqual([live.memberIds[0], other.memberIds[1]].sort());
  // Named twice, on two pages: one lead, with what the list said first.
  expect(leads.find((l) => l.memberId === live.memberIds[0])!.detail).toBe('死亡日期：2026-10-01');
  // What a list says of a person is personal data: never in clear in the table.
  const raw: { detail: string }[] = await (orm.em.fork() as SqlEntityManager).getKnex()('comparison_leads').where({ import_id: done.id }).select('detail');
  expect(raw.every((r) => !r.detail.includes('2026-10'))).toBe(true);
});

test('the same list as an Excel workbook streams to the same counts', async () => {
  const { rows } = await fixture();
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('比对结果');
  sheet.addRow(['姓名', '公民身份号码', '死亡日期']);
  for (const [id, date] of rows) sheet.addRow(['某某', id, date]);
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  const done = await runComparison(orm, KEY, newImport('xlsx'), xlsxRows(Readable.from([buffer])));
  expect(done).toMatchObject({ status: 'done', records: rows.length, rejectedRows: 1, matches: 3, leads: 2 });
});

test('a list without an ID-number column is refused by name', async () => {
  const rows = csvRows(Readable.from([Buffer.from('姓名,日期\n张三,2026-10-01\n')]));
  await expect(runComparison(orm, KEY, newImport('csv'), rows)).rejects.toBeInstanceOf(ListFormatError);
});
