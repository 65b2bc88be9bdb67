/** Chinese names of the form fields the API names in its validation issues (paths like members.0.idNumber). */
const FIELDS: Record<string, string> = {
  step: '环节', outcome: '办理结果', reasonCode: '原因类别', reason: '说明', recommendation: '调查结论', disputed: '是否存在争议',
  incomes: '核定收入', monthlyIncomeFen: '月收入', panelSize: '评议小组人数', present: '到会人数', votesFor: '赞成票', votesAgainst: '反对票', documents: '材料', reassignTo: '改派给',
  amountFen: '金额', topUpFen: '补充金额', recoveryFen: '追回金额', members: '家庭成员', name: '姓名', idNumber: '身份证号码',
  relation: '与户主关系', birthDate: '出生日期', declaredMonthlyIncomeFen: '申报月收入', disabilityGrade: '残疾等级', villageCode: '村(社区)',
  address: '住址', phone: '联系电话', assets: '家庭财产', authorization: '授权书', householdId: '家庭', eventType: '事件类型',
  peopleAffected: '受影响人数', amountAskedFen: '申请金额', eventDescription: '事件经过', need: '困难情况', month: '月份', regionCode: '地区', countyCode: '县(区)',
  username: '用户名', password: '密码', caseNumber: '案件编号', idSuffix: '身份证后6位', field: '信息项', deductions: '扣减项',
  person: '本人情况', age: '年龄', disability: '残疾情况', kind: '残疾类别', grade: '残疾等级', otherwiseUnableToWork: '其他无劳动能力情形',
  assetsWithinLimits: '财产状况', supporters: '法定义务人', able: '履行能力', selfCare: '生活自理能力', arrangement: '供养安排',
  mode: '供养方式', institutionId: '供养机构', eating: '自主吃饭', dressing: '自主穿衣', transferring: '自主上下床', toileting: '自主如厕',
  indoor_walking: '室内行走', bathing: '自主洗澡',
  effectiveMonth: '终止月份', note: '情况说明', accountNumber: '账号',
  bankName: '开户行', bankAccount: '银行账号', body: '文件内容', 'content-type': '文件类型',
};

export function fieldLabel(path: string): string {
  const parts = path.split('.').filter((p) => !/^\d+$/.test(p));
  const index = path.split('.').find((p) => /^\d+$/.test(p));
  const names = parts.map((p) => FIELDS[p] ?? '信息');
  return `${names.join('·')}${index != null ? `(第${Number(index) + 1}项)` : ''}`;
}
