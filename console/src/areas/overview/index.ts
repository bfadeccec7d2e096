import type { Area } from '../area';

export const overviewArea: Area = {
  path: '/overview',
  title: '总览',
  roles: ['admin', 'manager', 'rep'],
  routes: [{ path: '/overview', component: () => import('./OverviewPage.vue') }],
};
