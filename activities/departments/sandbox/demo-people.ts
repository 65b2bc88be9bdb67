/**
 * The fictional people behind sandbox/demo-records.json, for demo and seed code that builds households and
 * applications from them. The ID numbers are well-formed (GB 11643 check character) but invented; the names are
 * common ones; no record describes a real person. Six demo households (H1–H6), one per situation the check must
 * catch or clear. Never use these outside the sandbox, demos and tests.
 */

export interface DemoPerson {
  idNumber: string;
  name: string;
  /** YYYY-MM-DD, equal to digits 7–14 of the ID number. */
  birthDate: string;
  /** Equal to the parity of the 17th digit (odd: male). */
  sex: 'male' | 'female';
  /** 320723 灌云县, 220103 宽城区, 211202 银州区: the ID number's first six digits. */
  regionCode: '320723' | '220103' | '211202';
  /** Demo household key; the registry's 户号 in demo-records.json groups the same people. */
  household: 'H1' | 'H2' | 'H3' | 'H4' | 'H5' | 'H6';
  /** What the departments hold about this person and what the demo is meant to show. */
  note: string;
}

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  // H1: the clean poor household: nothing found anywhere, no flag.
  { idNumber: '320723195803120429', name: '王秀兰', birthDate: '1958-03-12', sex: 'female', regionCode: '320723', household: 'H1',
    note: '户主，无收入无资产；社保记录为无参保。干净的困难家庭，核对无任何发现' },
  { idNumber: '320723201009050716', name: '王小军', birthDate: '2010-09-05', sex: 'male', regionCode: '320723', household: 'H1',
    note: '孙子，在校学生，各部门均无记录' },
  // H2: a car above the vehicle allowance.
  { idNumber: '220103197506181134', name: '刘建国', birthDate: '1975-06-18', sex: 'male', regionCode: '220103', household: 'H2',
    note: '户主，名下小汽车一辆（估值 45,000 元）和自住房一套：vehicle_owned' },
  { idNumber: '220103197811242087', name: '张丽', birthDate: '1978-11-24', sex: 'female', regionCode: '220103', household: 'H2',
    note: '配偶，各部门均无记录' },
  // H3: wages the applicant did not declare.
  { idNumber: '211202198204070351', name: '赵志强', birthDate: '1982-04-07', sex: 'male', regionCode: '211202', household: 'H3',
    note: '单人户，申报无收入；税务月收入 4,200 元、社保缴费基数 3,800 元、公积金月缴存：income_above_declared' },
  // H4: savings far above the deposit limit.
  { idNumber: '211202195002210463', name: '陈桂芬', birthDate: '1950-02-21', sex: 'female', regionCode: '211202', household: 'H4',
    note: '单人户，养老金 1,800 元/月，两家银行存款合计 121,000 元：deposits_above_limit' },
  // H5: a severely disabled adult (一级残疾) in a family with income: the 单人保 case.
  { idNumber: '32072319900715153X', name: '李明', birthDate: '1990-07-15', sex: 'male', regionCode: '320723', household: 'H5',
    note: '一级肢体残疾，以单人保申请；本人无收入。户籍显示父母同户，registry_mismatch 属预期，由残疾证核实' },
  { idNumber: '320723196209301379', name: '李大海', birthDate: '1962-09-30', sex: 'male', regionCode: '320723', household: 'H5',
    note: '李明之父，工资月收入 4,500 元；名下农用车一辆（不计入车辆）' },
  { idNumber: '320723196405032241', name: '孙玉梅', birthDate: '1964-05-03', sex: 'female', regionCode: '320723', household: 'H5',
    note: '李明之母，各部门均无记录' },
  // H6: a registered member left out of the application.
  { idNumber: '220103196808110863', name: '周淑珍', birthDate: '1968-08-11', sex: 'female', regionCode: '220103', household: 'H6',
    note: '申请人，只申报本人和女儿；银行存款 20,000 元' },
  { idNumber: '220103200501261623', name: '吴婷', birthDate: '2005-01-26', sex: 'female', regionCode: '220103', household: 'H6',
    note: '女儿，在校学生，各部门均无记录' },
  { idNumber: '220103196604190953', name: '吴国平', birthDate: '1966-04-19', sex: 'male', regionCode: '220103', household: 'H6',
    note: '未申报的户籍成员（配偶）：在职、某商贸公司法定代表人。以申请人申报的两人核对时 registry_mismatch' },
];
