import type { Area } from '../area';

export const teamsArea: Area = {
  path: '/teams',
  title: '团队与成员',
  roles: ['admin', 'manager'],
  routes: [{ path: '/teams', component: () => import('./TeamsPage.vue') }],
};
