import { isoDate, shanghaiDay } from '../../workflows/domain/calendar';
import { startPlatform, type Platform } from './platform';

/**
 * 特困供养 assessment over HTTP: refused until the district sets its 特困 standards (four-eyes like every policy
 * change), then eligibility, self-care level and the monthly support for a person's facts under the region's policy.
 */
let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
  await platform.addUser('cc.admin', 'administrator', '220100');
});
afterAll(async () => {
  await platform?.stop();
});

const RURAL = '220103200201'; // 双丰村
const URBAN = '220103001001'; // 团山社区
/** 崇阳县's published figures (seed 003); the seeds give no care figure for full or partial self-care. */
const TEKUN = {
  basicLiving: { urban: { fen: 100_000, per: 'month' }, rural: { fen: 820_000, per: 'year' } },
  care: { full: { fen: 0, per: 'month' }, partial: { fen: 30_000, per: 'month' }, none: { fen: 1_290_800, per: 'year' } },
};
const unable = { eating: false, dressing: false, transferring: false, toileting: false, indoor_walking: false, bathing: false };
const able = { eating: true, dressing: true, transferring: true, toileting: true, indoor_walking: true, bathing: true };
const elder = { age: 81, disability: null, monthlyIncomeFen: 20_000, assetsWithinLimits: true, supporters: [{ able: false }] };
const body = (over: Record<string, unknown> = {}) => ({ regionCode: RURAL, person: elder, selfCare: unable, arrangement: { mode: 'centralized', institutionId: 'fly-220103200' }, ...over });

test('a region without 特困 standards is refused, naming the region field', async () => {
  const approver = await platform.as('kc.approver');
  const res = await approver.post('/api/tekun/assessments', body());
  expect(res.status).toBe(422);
  expect(res.body.error.code).toBe('unprocessable');
  expect(res.body.error.issues).toEqual([{ field: 'regionCode', rule: expect.stringContaining('no 特困供养 policy') }]);
});

test('once the district sets its standards: eligibility, self-care and the support a month, by area', async () => {
  const admin = await platform.as('kc.admin');
  const proposed = await admin.post('/api/admin/regions/220103/policy-versions', { override: { tekun: TEKUN }, effectiveFrom: isoDate(shanghaiDay(Date.now())), reason: '特困供养标准' });
  expect(proposed.status).toBe(201);
  expect((await (await platform.as('cc.admin')).post(`/api/admin/policy-versions/${proposed.body.id}/approve`, { reason: '同意' })).status).toBe(200);

  const approver = await platform.as('kc.approver');
  const rural = await approver.post('/api/tekun/assessments', body());
  expect(rural.status).toBe(200);
  expect(rural.body).toMatchObject({
    region: { code: RURAL, area: 'rural' },
    policy: { label: expect.stringContaining('220103 v2') },
    eligibility: { eligible: true, unmet: [] },
    selfCare: { level: 'none', centralizedPriority: true },
    // 8,200 yuan a year → 683.34 a month; 12,908 a year → 1,075.67 a month (rounded up to the fen).
    support: { basicLivingFen: 68_334, careFen: 107_567, totalFen: 175_901 },
    arrangement: { mode: 'centralized', institutionId: 'fly-220103200', payee: 'institution' },
  });

  const urban = await approver.post('/api/tekun/assessments', body({ regionCode: URBAN, selfCare: { ...able, bathing: false }, arrangement: { mode: 'dispersed' } }));
  expect(urban.body).toMatchObject({ eligibility: { eligible: true }, selfCare: { level: 'partial', unable: ['bathing'] }, support: { basicLivingFen: 100_000, careFen: 30_000, totalFen: 130_000 }, arrangement: { payee: 'person' } });

  const working = await approver.post('/api/tekun/assessments', body({ person: { ...elder, age: 45, supporters: [{ able: true }] } }));
  expect(working.body).toMatchObject({ eligibility: { eligible: false, unmet: ['labour_capacity', 'supporter'] }, support: null });
});

test('bad input names the field: 400 for the shape, 422 for the arrangement rule, 404 outside the subtree, 403 for other roles', async () => {
  const approver = await platform.as('kc.approver');
  const shape = await approver.post('/api/tekun/assessments', body({ person: { ...elder, monthlyIncomeFen: 200.5 }, selfCare: { ...able, bathing: undefined } }));
  expect(shape.status).toBe(400);
  expect(shape.body.error.code).toBe('validation_failed');
  expect(shape.body.error.issues.map((i: { field: string }) => i.field).sort()).toEqual(['person.monthlyIncomeFen', 'selfCare.bathing']);

  const noInstitution = await approver.post('/api/tekun/assessments', body({ arrangement: { mode: 'centralized' } }));
  expect(noInstitution.status).toBe(422);
  expect(noInstitution.body.error.issues).toEqual([{ field: 'arrangement.institutionId', rule: expect.stringContaining('集中供养') }]);

  expect((await approver.post('/api/tekun/assessments', body({ regionCode: '320723100201' }))).status).toBe(404);
  expect((await (await platform.as('kc.payment')).post('/api/tekun/assessments', body())).status).toBe(403);
});
