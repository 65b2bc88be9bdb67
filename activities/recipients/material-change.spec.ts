import { isMaterialChange } from './material-change';

test('small differences are not material; a tenth above the floor is; asset flags always are', () => {
  expect(isMaterialChange(40_000, 40_000, [])).toBe(false);
  expect(isMaterialChange(48_000, 40_000, [])).toBe(false);
  expect(isMaterialChange(60_000, 40_000, [])).toBe(true);
  expect(isMaterialChange(20_000, 40_000, [])).toBe(true);
  expect(isMaterialChange(4_950_000, 4_900_000, [])).toBe(false);
  expect(isMaterialChange(40_000, 40_000, ['vehicle_owned'])).toBe(true);
  expect(isMaterialChange(40_000, 40_000, ['income_above_declared'])).toBe(false);
});
