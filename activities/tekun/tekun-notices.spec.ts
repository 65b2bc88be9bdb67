import type { TekunAssessmentRecord } from './tekun-assessment-record';
import { tekunApprovalNotice, tekunEndNotice, tekunRejectionNotice } from './tekun-notices';

const caseNo = 'TK-220103-20261201-AAAAA';

test('the approval names the level, the arrangement and basic + care = total from the first month', () => {
  const assessment = {
    selfCare: { level: 'partial', unable: ['bathing'], centralizedPriority: true },
    support: { basicLivingFen: 100_000, careFen: 30_000, totalFen: 130_000 },
    arrangement: { mode: 'centralized', institutionId: '宽城区社会福利院', payee: 'institution' },
  } as unknown as TekunAssessmentRecord;
  const text = tekunApprovalNotice({ caseNo, assessment, startMonth: '2027-01' });
  expect(text.split('\n')[0]).toBe('特困人员救助供养认定通知书');
  expect(text).toContain(`案件编号：${caseNo}`);
  expect(text).toContain('部分丧失生活自理能力，供养方式为集中供养（供养机构：宽城区社会福利院）');
  expect(text).toContain('自2027年1月起按月发放：基本生活费1000.00元，照料护理费300.00元，合计1300.00元');
});

test('a rejection names each unmet condition in the regulation’s order; without one it names the township’s decision', () => {
  const text = tekunRejectionNotice({ caseNo, unmet: ['labour_capacity', 'supporter'] });
  expect(text).toContain('经调查核实，您具有劳动能力；有具备履行能力的赡养、抚养、扶养义务人，不符合特困人员救助供养条件');
  expect(text).toContain('行政复议');
  expect(tekunRejectionNotice({ caseNo, unmet: [] })).toContain('不予确认为特困人员');
});

test('the end names why and the first month no longer paid', () => {
  expect(tekunEndNotice({ caseNo, reason: 'death', endMonth: '2028-02' })).toContain('因供养对象死亡，自2028年2月起终止特困人员救助供养');
  expect(tekunEndNotice({ caseNo, reason: 'review', endMonth: '2028-02' })).toContain('经年度复核');
});
