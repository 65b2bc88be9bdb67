import { idNumberCheckDigit } from '../../activities/departments/id-number';
import { DEMO_VILLAGES } from '../helpers/policies';
import { applicationBody } from '../helpers/factories';
import { registerHousehold } from '../helpers/households';
import { startPlatform, type Platform } from './platform';

/**
 * 脱敏不可还原: a mask must not be undone by the other fields of the same response. For seeded applicants, every
 * response a caseworker role gets (case view, case list, timeline, inbox, emergency view) is searched for a masked ID
 * number and for anything date-like, and an attacker's reconstruction is run on it; no response may pin down the ID
 * number, and no masked address may keep a numeral of the house number.
 */

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(async () => {
  await platform?.stop();
});

const MASKED_ID = /(\d{6})(\*{4,12})([\dX]{0,8})/g;
const FULL_DATE = /(?<!\d)((?:19|20)\d{2})-?(\d{2})-?(\d{2})(?!\d)/g;

/**
 * Every ID number consistent with one masked ID in the text and one full date found beside it, with at most four
 * digits left to guess (more than that leaves ≥ 9,000 candidates: not rebuilt). The attacker wins on one candidate.
 */
function rebuild(text: string): Set<string> {
  const found = new Set<string>();
  const dates = [...text.matchAll(FULL_DATE)].map((m) => `${m[1]}${m[2]}${m[3]}`);
  for (const [, prefix, stars, suffix] of text.matchAll(MASKED_ID)) {
    if (prefix.length + stars.length + suffix.length !== 18) continue;
    for (const date of dates) {
      const known = `${prefix}${date}`;
      const unknown = 18 - known.length - suffix.length;
      if (unknown < 0 || unknown > 4) continue;
      const candidates: string[] = [];
      for (let n = 0; n < 10 ** unknown; n++) {
        const id = `${known}${unknown ? String(n).padStart(unknown, '0') : ''}${suffix}`;
        if (idNumberCheckDigit(id.slice(0, 17)) === id[17]) candidates.push(id);
      }
      if (candidates.length === 1) found.add(candidates[0]);
    }
  }
  return found;
}

test('the rebuild attack works on a mask that hides exactly the birth-date digits (the attack is real)', () => {
  const first17 = '22010319800307001';
  const id = `${first17}${idNumberCheckDigit(first17)}`;
  const leaky = JSON.stringify({ idNumber: `${id.slice(0, 6)}********${id.slice(14)}`, birthDate: '1980-03-07' });
  expect([...rebuild(leaky)]).toEqual([id]);
});

test('no response to a caseworker role lets the ID number or the address be rebuilt', async () => {
  const body = applicationBody(DEMO_VILLAGES.district, {
    members: [{ relation: 'head', name: '慕容秋菊' }, { relation: 'child', name: '慕容小禾', birthDate: '2012-03-04' }],
  });
  body.address = '柳影路18号院3栋2单元401';
  const clerk = await platform.as('kc.clerk');
  const created = await clerk.post('/api/applications', body);
  expect(created.status).toBe(201);
  const id: string = created.body.id;

  const responses: { path: string; text: string }[] = [];
  const read = async (http: Platform['http'], path: string) => {
    const res = await http.get(path);
    expect(res.status).toBe(200);
    responses.push({ path, text: JSON.stringify(res.body) });
    return res.body;
  };
  const detail = await read(clerk, `/api/applications/${id}`);
  await read(clerk, '/api/applications');
  await read(clerk, `/api/applications/${id}/timeline`);
  await read(clerk, '/api/inbox');
  // The view still tells a caseworker what a date would: the age and birth year.
  expect(detail.household.members[1]).toMatchObject({ birthYear: 2012, age: expect.any(Number) });

  // An emergency request's view for a household registered in a county village.
  const registered = await registerHousehold(platform.db.orm, platform.env.PII_DIGEST_KEY, DEMO_VILLAGES.county);
  const village = await platform.as('gy.village');
  const raised = await village.post('/api/emergency-requests', {
    householdId: registered.householdId, eventType: 'fire', peopleAffected: 2, amountAskedFen: 50_000, eventDescription: '失火', need: '临时生活费',
  });
  expect(raised.status).toBe(201);
  await read(village, `/api/emergency-requests/${raised.body.id}`);
  await read(village, '/api/emergency-requests');

  const ids = [...body.members.map((m) => m.idNumber), ...registered.idNumbers];
  for (const { path, text } of responses) {
    for (const rebuilt of rebuild(text)) expect({ path, rebuilt, seeded: ids.includes(rebuilt) }).toEqual({ path, rebuilt, seeded: false });
    for (const idNumber of ids) expect({ path, clear: text.includes(idNumber) }).toEqual({ path, clear: false });
    expect({ path, address: text.includes(body.address) }).toEqual({ path, address: false });
  }
  // The masked address keeps the street and no numeral at all, whatever its length.
  expect(detail.household.address).toBe('柳影路****');
  expect(detail.household.members[0].idNumber).toMatch(/^\d{6}\*{10}[\dX]{2}$/);
});
