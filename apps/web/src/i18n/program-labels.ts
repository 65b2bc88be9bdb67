/**
 * Codes of the programs and their events: 救急难 and its referrals, the recipient lifecycle's categories, complaints and
 * change reports, 低收入家庭, the special assistance it opens, the "五类三层" layers and 特困供养's assessment.
 */
export const PROGRAM_LABELS = {
  eventType: { fire: '火灾', flood: '洪涝', accident: '意外事故', illness: '突发重病', death: '亡故', natural_disaster: '自然灾害', other: '其他' },
  referral: { dibao: '低保', medical: '医疗救助', education: '教育救助', housing: '住房救助', employment: '就业救助' },
  channel: { letter: '来信', phone: '来电', visit: '来访', online: '网上', staff: '工作人员转交' },
  changeKind: { income: '收入变化', household: '家庭成员变化' },
  category: { stable: 'A类(基本稳定)', working_age: 'B类(有劳动能力)', other: 'C类(其他)' },
  requestKind: { urgent: '急难型', expense: '支出型' },
  assistance: { medical: '医疗救助', education: '教育救助', housing: '住房救助', heating: '取暖救助' },
  layer: { core: '重点保障层', extended: '边缘延伸层', emergency: '急难层' },
  program: { dibao: '最低生活保障', low_income: '低收入家庭', emergency: '救急难(临时救助)', medical: '医疗救助', tekun: '特困人员救助供养' },
  referralStatus: { referred: '已转介', accepted: '已接收', closed: '已办结' },
  programStatus: { recognised: '已认定' },
  lowIncomeStatus: { active: '认定有效', ended: '已终止认定' },
  selfCare: { full: '具备生活自理能力', partial: '部分丧失生活自理能力', none: '完全丧失生活自理能力' },
  dailyActivity: { eating: '自主吃饭', dressing: '自主穿衣', transferring: '自主上下床', toileting: '自主如厕', indoor_walking: '室内行走', bathing: '自主洗澡' },
  supportMode: { dispersed: '分散供养', centralized: '集中供养' },
  tekunCondition: { labour_capacity: '有劳动能力', income_source: '有生活来源', supporter: '有能履行义务的法定赡养、抚养、扶养人' },
  disabilityKind: { intellectual: '智力残疾', mental: '精神残疾', physical: '肢体残疾', visual: '视力残疾', hearing: '听力残疾', speech: '言语残疾', multiple: '多重残疾' },
  payee: { person: '本人', institution: '供养机构' },
  publishedPer: { month: '按月', year: '按年' },
  /** A 特困供养 case: where its application stands, then its support. */
  tekunStatus: { assessing: '调查评估中', confirming: '待乡镇审核确认', filing: '待县级备案', supported: '供养中', rejected: '不予认定', ended: '已终止供养' },
  tekunSupportStatus: { active: '供养中', ended: '已终止' },
  /** A month's 特困 support in the ledger: to the person's account (分散) or to the institution (集中). */
  tekunEntitlement: { regular: '发放给本人', institution: '拨付供养机构' },
  tekunDecision: { approved: '认定为特困人员', rejected: '不予认定' },
  /** Why a person's 特困供养 ends (POST /api/tekun/cases/:id/end; `review` only by the annual review). */
  tekunEndReason: { death: '死亡', moved_away: '迁出本地', supporter_able: '有了具备履行能力的赡养抚养扶养人', income: '有了生活来源(收入超过标准)', other: '其他', review: '年度复核不再符合条件' },
  /** A village's area: it selects the 低保 and 特困 standards. */
  area: { urban: '城市', rural: '农村' },
} as const;
