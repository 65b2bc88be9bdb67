/** Client routes; the API answers every non-/api path with index.html, so deep links and reloads land here. */
import { createRouter, createWebHistory } from 'vue-router';
import { session, restoreOnce } from './session';
import { landingFor } from './menus';

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', redirect: () => (session.user ? landingFor(session.user.role) : '/login') },
    { path: '/login', component: () => import('./views/LoginView.vue'), meta: { public: true } },
    { path: '/query', component: () => import('./views/QueryView.vue'), meta: { public: true } },
    { path: '/inbox', component: () => import('./views/InboxView.vue') },
    { path: '/tasks/:id', component: () => import('./views/TaskView.vue'), props: true },
    { path: '/cases', component: () => import('./views/CasesView.vue') },
    { path: '/cases/:id', component: () => import('./views/CaseView.vue'), props: true },
    { path: '/apply', component: () => import('./views/ApplyView.vue') },
    { path: '/emergency', component: () => import('./views/EmergencyView.vue') },
    { path: '/payments', component: () => import('./views/PaymentsView.vue') },
    { path: '/users', component: () => import('./views/UsersView.vue') },
    { path: '/comparison', component: () => import('./views/ComparisonView.vue') },
    { path: '/recipients', component: () => import('./views/RecipientsView.vue') },
    { path: '/low-income', component: () => import('./views/LowIncomeView.vue') },
    { path: '/tekun', component: () => import('./views/TekunView.vue') },
    { path: '/referrals', component: () => import('./views/ReferralsView.vue') },
    { path: '/absences', component: () => import('./views/AbsencesView.vue') },
    { path: '/audit', component: () => import('./views/AuditView.vue') },
    { path: '/policy', component: () => import('./views/PolicyView.vue') },
    { path: '/affairs', component: () => import('./views/RegionAffairsView.vue') },
    { path: '/dashboard', component: () => import('./views/DashboardView.vue') },
    { path: '/summary', component: () => import('./views/SummaryView.vue') },
    { path: '/:rest(.*)*', redirect: '/' },
  ],
});

router.beforeEach(async (to) => {
  await restoreOnce();
  if (to.path === '/login' && session.user) return landingFor(session.user.role);
  if (!to.meta.public && !session.user) return { path: '/login', query: to.fullPath !== '/' ? { next: to.fullPath } : {} };
  return true;
});
