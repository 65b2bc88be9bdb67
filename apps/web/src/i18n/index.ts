/** vue-i18n for the console's own words (menus, buttons); codes from the API go through labels.ts. zh-CN first. */
import { createI18n } from 'vue-i18n';

const zhCN = {
  app: { title: '社会救助 · 工作台', logout: '退出登录' },
  menu: { inbox: '待办', cases: '案件', apply: '新建低保申请', emergency: '救急难', payments: '资金发放', recipients: '在保对象', comparison: '数据比对', users: '用户管理', query: '办理进度查询', absences: '休假代岗', audit: '审计监督', policy: '政策配置', affairs: '区域事务', 'low-income': '低收入家庭', referrals: '医疗救助', tekun: '特困供养', dashboard: '统计看板', summary: '统计报表' },
  login: { title: '工作人员登录', username: '用户名', password: '密码', submit: '登录', again: '登录已过期,请重新登录(您填写的内容会保留)' },
};

const en: typeof zhCN = {
  app: { title: 'Social assistance · desk', logout: 'Sign out' },
  menu: { inbox: 'Inbox', cases: 'Cases', apply: 'New application', emergency: 'Emergency help', payments: 'Payments', recipients: 'Recipients', comparison: 'Data comparison', users: 'Users', query: 'Progress lookup', absences: 'Absences (A/B posts)', audit: 'Audit', policy: 'Policy', affairs: 'Region affairs', 'low-income': 'Low-income households', referrals: 'Medical assistance', tekun: 'Extreme-poverty support', dashboard: 'Dashboard', summary: 'Monthly report' },
  login: { title: 'Staff sign-in', username: 'Username', password: 'Password', submit: 'Sign in', again: 'Your session expired; sign in again (what you typed is kept)' },
};

export const i18n = createI18n({ legacy: false, locale: 'zh-CN', fallbackLocale: 'zh-CN', messages: { 'zh-CN': zhCN, en } });
