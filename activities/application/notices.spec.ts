import { STATUS_LOOKUP_HINT, noticeText } from './notices';

test('every notice carries the case number and how to look the case up with it', () => {
  for (const kind of ['approval', 'return', 'rejection', 'closure'] as const) {
    const lines = noticeText({ kind, caseNo: 'DB-220103-20261123-7K3QD', reasonCode: 'other', amountFen: 12_300, startMonth: '2026-12' }).split('\n');
    expect(lines.slice(1, 3)).toEqual(['申请编号：DB-220103-20261123-7K3QD', STATUS_LOOKUP_HINT]);
  }
});
