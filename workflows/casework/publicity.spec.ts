import { checkObjection, lodgeObjection, type PublicityPeriod } from './publicity';

const period = (): PublicityPeriod => ({ step: 'village_publicity', endsAt: 0, objectionIds: [], loopBack: false });

test('the first objection sends the case back while rounds remain; later ones are only noted', () => {
  const p = period();
  expect(lodgeObjection(p, 'o1', 0, 1)).toBe(true);
  expect(lodgeObjection(p, 'o2', 0, 1)).toBe(false);
  expect(p.objectionIds).toEqual(['o1', 'o2']);
  expect(lodgeObjection(period(), 'o3', 1, 1)).toBe(false);
});

test('an objection outside a period, or lodged twice, is refused', () => {
  const p = period();
  lodgeObjection(p, 'o1', 0, 1);
  expect(() => checkObjection(undefined, 'o1')).toThrow(expect.objectContaining({ type: 'NotInPublicity' }));
  expect(() => checkObjection(p, 'o1')).toThrow(expect.objectContaining({ type: 'StaleTask' }));
  expect(() => checkObjection(p, 'o2')).not.toThrow();
});
