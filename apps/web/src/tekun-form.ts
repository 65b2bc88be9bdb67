/**
 * The 特困供养 facts as the caseworker fills them, turned into the body of POST /api/tekun/assessments (the calculator)
 * or of the assessment and annual review tasks (yuan typed, fen sent), and the API's field issues turned into Chinese
 * sentences placed by field. Pure, no Vue.
 */
import { ruleText, type FieldIssue } from './api/client';
import { yuanToFen } from './format';
import { fieldLabel } from './i18n/fields';

export const DAILY_ACTIVITIES = ['eating', 'dressing', 'transferring', 'toileting', 'indoor_walking', 'bathing'] as const;
export const DISABILITY_KINDS = ['intellectual', 'mental', 'physical', 'visual', 'hearing', 'speech', 'multiple'] as const;

/** One person's facts as the investigator finds them: labour capacity, income and assets, supporters, 自理能力, 供养方式. */
export interface TekunFacts {
  disabilityKind: string;
  disabilityGrade: number | null;
  otherwiseUnableToWork: boolean;
  incomeYuan: string;
  assetsWithinLimits: boolean | null;
  /** One entry per person with a legal duty to support: whether the investigation found them able to. */
  supporters: { able: boolean | null }[];
  /** Whether each daily activity is done unaided; null until the caseworker has assessed it. */
  canDo: Record<string, boolean | null>;
  /** Unchosen (null) on a task, where nothing is preselected; the calculator starts at 分散. */
  mode: 'dispersed' | 'centralized' | null;
  institution: string;
}

/** The calculator's form: the facts, and the village and age a case takes from its record instead. */
export interface TekunForm extends TekunFacts {
  regionCode: string;
  age: string;
}

export function emptyTekunFacts(): TekunFacts {
  return {
    disabilityKind: '',
    disabilityGrade: null,
    otherwiseUnableToWork: false,
    incomeYuan: '',
    assetsWithinLimits: null,
    supporters: [],
    canDo: Object.fromEntries(DAILY_ACTIVITIES.map((a) => [a, null])),
    mode: null,
    institution: '',
  };
}

export function emptyTekunForm(regionCode = ''): TekunForm {
  return { regionCode, age: '', ...emptyTekunFacts(), mode: 'dispersed' };
}

/** The facts as the API takes them (person without age, selfCare, arrangement), or the problems keyed by field path. */
export function tekunFactsBody(form: TekunFacts): { body?: { person: Record<string, unknown>; selfCare: Record<string, boolean | null>; arrangement: Record<string, unknown> }; problems: Record<string, string> } {
  const problems: Record<string, string> = {};
  if (form.disabilityKind && form.disabilityGrade == null) problems['person.disability.grade'] = '请选择残疾等级';
  const incomeFen = yuanToFen(form.incomeYuan);
  if (incomeFen === null) problems['person.monthlyIncomeFen'] = '请填写金额(元,最多两位小数,无收入填0)';
  if (form.assetsWithinLimits === null) problems['person.assetsWithinLimits'] = '请选择财产状况';
  form.supporters.forEach((s, i) => {
    if (s.able === null) problems[`person.supporters.${i}.able`] = '请选择该义务人是否有履行能力';
  });
  for (const a of DAILY_ACTIVITIES) if (form.canDo[a] === null) problems[`selfCare.${a}`] = '请评定此项';
  if (form.mode === null) problems['arrangement.mode'] = '请选择供养方式';
  if (Object.keys(problems).length) return { problems };
  return {
    body: {
      person: {
        disability: form.disabilityKind ? { kind: form.disabilityKind, grade: form.disabilityGrade } : null,
        otherwiseUnableToWork: form.otherwiseUnableToWork,
        monthlyIncomeFen: incomeFen,
        assetsWithinLimits: form.assetsWithinLimits,
        supporters: form.supporters.map((s) => ({ able: s.able })),
      },
      selfCare: { ...form.canDo },
      arrangement: { mode: form.mode, institutionId: form.mode === 'centralized' ? form.institution.trim() || null : null },
    },
    problems,
  };
}

/** The calculator's request body, or the problems found before sending, keyed by the same field paths the API uses. */
export function tekunBody(form: TekunForm): { body?: Record<string, unknown>; problems: Record<string, string> } {
  const problems: Record<string, string> = {};
  if (!form.regionCode) problems.regionCode = '请选择村(社区)';
  const age = Number(form.age);
  if (form.age.trim() === '' || !Number.isInteger(age) || age < 0 || age > 130) problems['person.age'] = '请填写周岁年龄(0至130的整数)';
  const facts = tekunFactsBody(form);
  Object.assign(problems, facts.problems);
  if (Object.keys(problems).length || !facts.body) return { problems };
  const { person, ...rest } = facts.body;
  return { body: { regionCode: form.regionCode, person: { age, ...person }, ...rest }, problems };
}

/**
 * The body of a 特困 assessment or annual review task (the server takes the age from the birth date on record), or
 * the first problem as a sentence and every problem by field. 集中供养 needs its institution before sending.
 */
export function tekunDecisionFacts(form: TekunFacts): { body?: Record<string, unknown>; problems: Record<string, string> } {
  const { body, problems } = tekunFactsBody(form);
  if (form.mode === 'centralized' && !form.institution.trim()) problems['arrangement.institutionId'] = '集中供养须填写供养机构';
  if (Object.keys(problems).length || !body) return { problems };
  return { body, problems };
}

/** An API issue on this form as a Chinese sentence: the rules particular to 特困供养 first, then the common ones. */
export function tekunIssueText(issue: FieldIssue): string {
  if (issue.field === 'regionCode' && /特困供养|tekun/.test(issue.rule)) return '该地区尚未设置特困供养标准,请管理员先在政策配置中设置';
  if (issue.field === 'regionCode' && /village or community/.test(issue.rule)) return '请选择村(社区):城市或农村决定适用的标准';
  if (issue.field === 'arrangement.institutionId' && /集中供养/.test(issue.rule)) return '集中供养须填写供养机构';
  if (issue.field === 'arrangement.institutionId' && /分散供养/.test(issue.rule)) return '分散供养不填写供养机构';
  return ruleText(issue.rule);
}

/** A field as this form names it (the dictionary's general names otherwise). */
const FORM_FIELDS: Record<string, string> = {
  regionCode: '所在村(社区)',
  'person.age': '年龄',
  'person.monthlyIncomeFen': '本人月收入',
  'person.assetsWithinLimits': '财产状况',
  'arrangement.mode': '供养方式',
  'arrangement.institutionId': '供养机构',
};

export function tekunFieldLabel(field: string): string {
  return FORM_FIELDS[field] ?? fieldLabel(field);
}

/** "national v1 · 220103 v2" with the layers' names: "全国默认 第1版 · 宽城区 第2版" (codes never shown). */
export function policyVersionText(label: string, names: Record<string, string>): string {
  return label
    .split(' · ')
    .map((part) => {
      const m = /^(\S+) v(\d+)$/.exec(part.trim());
      if (!m) return '';
      const name = m[1] === 'national' ? '全国默认' : (names[m[1]] ?? '上级地区');
      return `${name} 第${m[2]}版`;
    })
    .filter(Boolean)
    .join(' · ');
}
