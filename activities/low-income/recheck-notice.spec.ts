import { lowIncomeEndNotice } from './recheck-notice';

const facts = { caseNo: 'DB-220103-20261201-AAAAA', members: 2, assetsWithinLimits: true, standardFen: 83_000, multiplier: 1.5 };

test('below the standard: the recognition ends and 低保 is the way to apply', () => {
  const text = lowIncomeEndNotice({ ...facts, placement: 'dibao', totalIncomeFen: 150_000 });
  expect(text.split('\n')[0]).toBe('低收入家庭认定终止告知书');
  expect(text).toContain('认定依据案件编号：DB-220103-20261201-AAAAA');
  expect(text).toContain('人均月收入750.00元，低于当地最低生活保障标准830.00元');
  expect(text).toContain('可按规定申请最低生活保障');
  expect(text).toContain('行政复议');
});

test('at or above the multiple, or with assets above the limits: the reason is the one that applies', () => {
  expect(lowIncomeEndNotice({ ...facts, placement: 'none', totalIncomeFen: 249_000 })).toContain('不低于当地最低生活保障标准830.00元的1.5倍');
  const assets = lowIncomeEndNotice({ ...facts, placement: 'none', totalIncomeFen: 180_000, assetsWithinLimits: false });
  expect(assets).toContain('家庭财产不符合规定');
  expect(assets).not.toContain('最低生活保障标准');
});
