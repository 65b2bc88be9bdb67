import type { ExportColumn } from '../exports/table-export';
import type { SummaryRow } from './summary-row';

const count = (group: string, header: string, value: (r: SummaryRow) => number): ExportColumn<SummaryRow> => ({ group, header, width: 10, value });
const money = (group: string, header: string, value: (r: SummaryRow) => number): ExportColumn<SummaryRow> => ({ group, header, width: 16, money: true, value });

/**
 * The columns of the monthly 汇总表 as a bureau reports it upward: grouped Chinese headers (merged in Excel), counts,
 * amounts in yuan, the overdue rate as a percentage. Region names are indented by their depth under the asked region.
 */
export const SUMMARY_COLUMNS: ExportColumn<SummaryRow>[] = [
  { header: '地区', width: 22, value: (r) => `${'　'.repeat(Math.max(0, r.depth - 1))}${r.name}` },
  count('低保户数(户)', '城市', (r) => r.householdsUrban),
  count('低保户数(户)', '农村', (r) => r.householdsRural),
  count('低保人数(人)', '城市', (r) => r.personsUrban),
  count('低保人数(人)', '农村', (r) => r.personsRural),
  count('其中(人)', '老年人', (r) => r.elderly),
  count('其中(人)', '未成年人', (r) => r.minors),
  count('其中(人)', '残疾人', (r) => r.disabled),
  count('其中(人)', '单人保', (r) => r.singlePerson),
  count('本月变动(户)', '新增', (r) => r.newHouseholds),
  count('本月变动(户)', '增发', (r) => r.increased),
  count('本月变动(户)', '减发', (r) => r.decreased),
  count('本月变动(户)', '渐退', (r) => r.gradualExit),
  count('本月变动(户)', '退出', (r) => r.exited),
  money('低保资金支出(元)', '本月', (r) => r.expenditureMonthFen),
  money('低保资金支出(元)', '本年累计', (r) => r.expenditureYearFen),
  count('救急难', '件数', (r) => r.emergencyCount),
  money('救急难', '金额(元)', (r) => r.emergencyFen),
  { header: '办理超期率', width: 12, numFmt: '0.0%', value: (r) => r.overdueRate },
];
