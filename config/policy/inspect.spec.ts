import { diffDocuments, leaves, provenance, valueAt } from './inspect';
import type { PolicyLayer } from './resolve';

const layers: PolicyLayer[] = [
  { scope: 'national', name: '全国默认', version: 1, override: { acceptance: { limitDays: 5 }, approval: { mode: 'county', samplingRate: 0.3 }, standards: { urbanFen: 60_000 } } },
  { scope: '220100', name: '220100 长春市', version: 3, override: { standards: { urbanFen: 83_000 } } },
  { scope: '220103', name: '220103 宽城区', version: 2, override: { acceptance: { limitDays: 2 } } },
];
const effective = { acceptance: { limitDays: 2 }, approval: { mode: 'county', samplingRate: 0.3 }, standards: { urbanFen: 83_000 } };

test('every effective field names the layer that set it last', () => {
  const fields = Object.fromEntries(provenance(effective, layers, '220103').map((p) => [p.field, p]));
  expect(fields['acceptance.limitDays']).toMatchObject({ value: 2, origin: 'here', source: '220103', version: 2 });
  expect(fields['standards.urbanFen']).toMatchObject({ value: 83_000, origin: 'inherited', source: '220100', version: 3 });
  expect(fields['approval.samplingRate']).toMatchObject({ value: 0.3, origin: 'national', source: 'national', version: 1 });
  // Asked from the city's point of view, the city's own value is "here".
  const city = Object.fromEntries(provenance(effective, layers.slice(0, 2), '220100').map((p) => [p.field, p]));
  expect(city['standards.urbanFen'].origin).toBe('here');
});

test('a diff lists added, removed and changed leaves, sorted', () => {
  expect(diffDocuments({ a: { x: 1, y: 2 }, b: true }, { a: { x: 1, y: 3 }, c: [1] })).toEqual([
    { field: 'a.y', from: 2, to: 3 },
    { field: 'b', from: true, to: null },
    { field: 'c', from: null, to: [1] },
  ]);
  expect(diffDocuments(effective, effective)).toEqual([]);
});

test('leaves and valueAt read dotted paths', () => {
  expect([...leaves({ a: { b: { c: 1 } }, d: [] }).keys()]).toEqual(['a.b.c', 'd']);
  expect(valueAt(effective, 'approval.samplingRate')).toBe(0.3);
  expect(valueAt(effective, 'approval.missing.deeper')).toBeUndefined();
});
