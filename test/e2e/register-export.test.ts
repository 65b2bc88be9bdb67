import ExcelJS from 'exceljs';
import { Recipient } from '../../activities/recipients/recipient.entity';
import { DEMO_VILLAGES } from '../helpers/policies';
import { enrolInDistrict, waitForRecipient } from './recipients';
import { startPlatform, type Platform } from './platform';

/**
 * The 长期公示 register exported as a village posts it: an Excel workbook (title, Chinese headers, yuan, a totals row,
 * frozen panes) whose totals equal the database's, or CSV that Excel opens in Chinese; never an ID number.
 */

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(async () => {
  await platform?.stop();
});

async function download(username: string, path: string): Promise<Response> {
  const login = await platform.http.post('/api/auth/login', { username, password: 'Demo@2026' });
  return fetch(`${platform.http.baseUrl}${path}`, { headers: { authorization: `Bearer ${login.body.accessToken}` } });
}

test('the register as a workbook and as CSV: one line per household, totals equal to the database', async () => {
  const enrolled = [await enrolInDistrict(platform, 10_000), await enrolInDistrict(platform, 30_000)];
  const clerk = await platform.as('kc.clerk');
  for (const e of enrolled) await waitForRecipient(clerk, `/api/recipients/${e.householdId}`, (r) => r.status === 'active');
  const village = DEMO_VILLAGES.district;
  const rows = await platform.db.orm.em.fork().find(Recipient, { regionCode: village, status: { $in: ['active', 'gradual_exit'] } });
  const totalFen = rows.reduce((sum, r) => sum + r.monthlyBenefitFen, 0);

  const res = await download('kc.clerk', `/api/recipients/register/${village}/export`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('spreadsheetml');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
  const sheet = workbook.worksheets[0]!;
  expect(String(sheet.getCell('A1').value)).toContain('最低生活保障长期公示');
  expect(sheet.getRow(2).values).toEqual([undefined, '户主', '家庭人口(人)', '保障人数(人)', '月保障金额(元)', '享受起始月份']);
  expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
  const last = sheet.getRow(sheet.rowCount);
  expect(last.getCell(1).value).toBe('合计');
  expect(Math.round(Number(last.getCell(4).value) * 100)).toBe(totalFen);
  expect(sheet.rowCount).toBe(2 + rows.length + 1);
  expect(sheet.getCell('D3').numFmt).toBe('#,##0.00');
  const text = JSON.stringify(sheet.getSheetValues());
  for (const e of enrolled) for (const id of e.idNumbers) expect(text).not.toContain(id);

  const csv = await download('kc.clerk', `/api/recipients/register/${village}/export?format=csv`);
  const bytes = Buffer.from(await csv.arrayBuffer());
  // The byte-order mark makes Excel read the file as UTF-8 (fetch's text() would hide it).
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.subarray(3).toString('utf8').trim().split('\r\n');
  expect(lines[0]).toBe('户主,家庭人口(人),保障人数(人),月保障金额(元),享受起始月份');
  expect(lines).toHaveLength(1 + rows.length + 1);
  expect(lines[lines.length - 1]).toBe(`合计,,,${(totalFen / 100).toFixed(2)},`);

  expect((await download('kc.clerk', `/api/recipients/register/${village}/export?format=pdf`)).status).toBe(400);
  expect((await download('gy.clerk', `/api/recipients/register/${village}/export`)).status).toBe(404);
});
