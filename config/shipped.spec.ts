import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkingCalendar } from '../workflows/domain/calendar';
import { CONFIG_DIR } from './paths';
import { resolvePolicy } from './policy/resolve';
import { loadShippedCalendars, loadShippedRegions, nationalLayer, shippedLayers } from './shipped';
import { issuesOf } from '../test/helpers/config-issues';

/** A throwaway config directory holding the shipped national policy plus the given files (objects or raw text). */
const dirs: string[] = [];
function configDir(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'config-spec-'));
  dirs.push(dir);
  for (const sub of ['regions', 'calendars', 'policy']) mkdirSync(join(dir, sub));
  copyFileSync(join(CONFIG_DIR, 'policy', 'national.json'), join(dir, 'policy', 'national.json'));
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return dir;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));


const village = (code: string, extra: Record<string, unknown> = { area: 'rural' }) => ({ code, name: '东园村', level: 'village', ...extra });
/** A valid 江苏 tree; `countyOverrides` patches the county node. */
function tree(countyOverrides: Record<string, unknown> = {}, villages: unknown[] = [village('320723100201')]) {
  return {
    code: '320000',
    name: '江苏省',
    level: 'province',
    children: [
      {
        code: '320700',
        name: '连云港市',
        level: 'city',
        children: [
          {
            code: '320723',
            name: '灌云县',
            level: 'county',
            children: [{ code: '320723100', name: '伊山镇', level: 'township', children: villages }],
            ...countyOverrides,
          },
        ],
      },
    ],
  };
}

describe('shipped regions', () => {
  const regions = loadShippedRegions();

  test('every shipped region resolves to a valid policy', () => {
    const national = nationalLayer();
    for (const r of regions) expect(() => resolvePolicy(shippedLayers(regions, r.code, national))).not.toThrow();
    expect(regions.map((r) => r.code)).toEqual(expect.arrayContaining(['320723100201', '220103001001', '211202001001']));
  });

  test('rows are flattened with parents and materialized paths', () => {
    expect(regions.find((r) => r.code === '320723100201')).toMatchObject({
      name: '东园村',
      level: 'village',
      parentCode: '320723100',
      path: '320000/320700/320723/320723100/320723100201/',
      area: 'rural',
    });
    expect(regions.find((r) => r.code === '220000')).toMatchObject({ parentCode: null, path: '220000/', area: null });
  });

  test('the district keeps its 15-day overall limit and the city its standards', () => {
    const national = nationalLayer();
    const kuancheng = resolvePolicy(shippedLayers(regions, '220103001001', national));
    expect(kuancheng.label).toBe('220103 v1 · 220100 v1 · national v1');
    expect(kuancheng.document.overallLimitDays).toBe(15);
    expect(kuancheng.document.standards).toEqual({ urbanFen: 83_000, ruralFen: 63_000 });
    const tieling = resolvePolicy(shippedLayers(regions, '211202001001', national));
    expect(tieling.label).toBe('211200 v1 · national v1');
  });

  test('a valid temp tree loads', () => {
    expect(loadShippedRegions(configDir({ 'regions/js.json': tree() }))).toHaveLength(5);
  });
});

describe('broken region files', () => {
  test('a county code of the wrong length', () => {
    const issues = issuesOf(() => loadShippedRegions(configDir({ 'regions/js.json': tree({ code: '320723000' }) })));
    expect(issues).toContainEqual({ scope: 'region 320723000', field: 'code', rule: 'a county code has 6 digits' });
  });

  test('a code that is not 6, 9 or 12 digits names the file and the field', () => {
    const dir = configDir({ 'regions/js.json': tree({ code: '3207231' }) });
    const issues = issuesOf(() => loadShippedRegions(dir));
    expect(issues).toEqual([
      { scope: join(dir, 'regions', 'js.json'), field: 'children.0.children.0.code', rule: 'must be a 6, 9 or 12 digit region code' },
    ]);
  });

  test('a child code not nested under its parent', () => {
    const issues = issuesOf(() => loadShippedRegions(configDir({ 'regions/js.json': tree({}, [village('320724100201')]) })));
    expect(issues).toContainEqual({ scope: 'region 320724100201', field: 'code', rule: "must start with its parent's code 320723100" });
  });

  test('a village without an area', () => {
    const issues = issuesOf(() => loadShippedRegions(configDir({ 'regions/js.json': tree({}, [village('320723100201', {})]) })));
    expect(issues).toEqual([{ scope: 'region 320723100201', field: 'area', rule: 'a village or community must say urban or rural' }]);
  });

  test('a level skipped', () => {
    const dir = configDir({ 'regions/js.json': tree({ level: 'township', code: '320723001', children: [] }) });
    expect(issuesOf(() => loadShippedRegions(dir))).toContainEqual({
      scope: 'region 320723001',
      field: 'level',
      rule: 'a township cannot sit directly under a city',
    });
  });

  test('a duplicate code, across files', () => {
    const issues = issuesOf(() => loadShippedRegions(configDir({ 'regions/a.json': tree(), 'regions/b.json': tree() })));
    expect(issues).toContainEqual({ scope: 'region 320723100201', field: 'code', rule: 'is defined twice' });
    expect(issues).toContainEqual({ scope: 'region 320000', field: 'code', rule: 'is defined twice' });
  });

  test('invalid JSON names the file', () => {
    const dir = configDir({ 'regions/js.json': '{ "code": "320000", ' });
    const issues = issuesOf(() => loadShippedRegions(dir));
    expect(issues).toEqual([{ scope: join(dir, 'regions', 'js.json'), field: '', rule: expect.stringMatching(/^must be valid JSON/) }]);
  });

  test('a bad policy override is reported once, against the region that set it', () => {
    const dir = configDir({ 'regions/js.json': tree({ policy: { approval: { samplingRate: 1.5 } } }) });
    expect(issuesOf(() => loadShippedRegions(dir))).toEqual([
      { scope: '320723 灌云县 (320723 v1)', field: 'common.approval.samplingRate', rule: 'must be at most 1' },
    ]);
  });

  test('a broken national policy names the file', () => {
    const dir = configDir({ 'policy/national.json': 'not json' });
    expect(issuesOf(() => nationalLayer(dir))[0]).toMatchObject({ scope: join(dir, 'policy', 'national.json'), field: '' });
  });
});

describe('calendars', () => {
  const file = (dir: string) => join(dir, 'calendars', 'cn.json');
  const year = (patch: Record<string, unknown>) => ({
    year: 2026,
    published: true,
    source: 'test',
    holidays: [{ name: '国庆节', from: '2026-10-01', to: '2026-10-07' }],
    makeUpWorkdays: ['2026-10-10'],
    ...patch,
  });

  test('the shipped tables: 2026 published, 2027 weekends-only and provisional', () => {
    const tables = loadShippedCalendars();
    expect(tables.find((t) => t.year === 2026)?.published).toBe(true);
    expect(tables.find((t) => t.year === 2027)).toMatchObject({ published: false, holidays: [], makeUpWorkdays: [] });
    const calendar = new WorkingCalendar(tables);
    // 2026-09-30 + 5 working days: 10-08, 10-09, 10-10 (调休 Saturday), 10-12, 10-13.
    expect(new Date(calendar.addWorkingDays(Date.parse('2026-09-30T10:00:00+08:00'), 5).at).toISOString()).toBe('2026-10-13T16:00:00.000Z');
    expect(calendar.addWorkingDays(Date.parse('2026-12-30T10:00:00+08:00'), 3).provisionalYears).toEqual([2027]);
  });

  test('a valid table loads', () => {
    expect(loadShippedCalendars(configDir({ 'calendars/cn.json': year({}) }))).toHaveLength(1);
  });

  test('an unpublished year listing holidays is rejected (never invent holiday dates)', () => {
    const dir = configDir({ 'calendars/cn.json': year({ year: 2027, published: false, holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-01' }], makeUpWorkdays: [] }) });
    expect(issuesOf(() => loadShippedCalendars(dir))).toEqual([
      { scope: file(dir), field: 'published', rule: 'an unpublished year must not list holiday dates' },
    ]);
  });

  test('an unpublished year listing only make-up days is rejected too', () => {
    const dir = configDir({ 'calendars/cn.json': year({ year: 2027, published: false, holidays: [], makeUpWorkdays: ['2027-01-02'] }) });
    expect(issuesOf(() => loadShippedCalendars(dir))).toEqual([expect.objectContaining({ field: 'published' })]);
  });

  test('a make-up working day on a weekday is rejected', () => {
    // 2026-10-09 is a Friday.
    const dir = configDir({ 'calendars/cn.json': year({ makeUpWorkdays: ['2026-10-10', '2026-10-09'] }) });
    expect(issuesOf(() => loadShippedCalendars(dir))).toEqual([
      { scope: file(dir), field: 'makeUpWorkdays.1', rule: 'a make-up working day must fall on a weekend' },
    ]);
  });

  test('an invalid date is rejected', () => {
    const dir = configDir({ 'calendars/cn.json': year({ holidays: [{ name: '春节', from: '2026-02-15', to: '2026-02-30' }] }) });
    expect(issuesOf(() => loadShippedCalendars(dir))).toContainEqual({ scope: file(dir), field: 'holidays.0.to', rule: 'must be a real calendar date' });
  });

  test('a badly written date and a reversed range are rejected', () => {
    const dir = configDir({ 'calendars/cn.json': year({ holidays: [{ name: '国庆节', from: '2026-10-07', to: '2026-10-01' }], makeUpWorkdays: ['2026/10/10'] }) });
    const issues = issuesOf(() => loadShippedCalendars(dir));
    expect(issues).toContainEqual({ scope: file(dir), field: 'holidays.0.to', rule: 'must not be before from' });
    expect(issues).toContainEqual({ scope: file(dir), field: 'makeUpWorkdays.0', rule: 'must be a date written YYYY-MM-DD' });
  });

  test('invalid JSON names the file', () => {
    const dir = configDir({ 'calendars/cn.json': '{"year": 2026,,}' });
    expect(issuesOf(() => loadShippedCalendars(dir))).toEqual([{ scope: file(dir), field: '', rule: expect.stringMatching(/^must be valid JSON/) }]);
  });
});
