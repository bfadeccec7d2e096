import type { Area } from '../area';

export const reportsArea: Area = {
  path: '/reports',
  title: '战报',
  roles: ['admin', 'manager', 'rep'],
  routes: [{ path: '/reports', component: () => import('./ReportsPage.vue') }],
};
