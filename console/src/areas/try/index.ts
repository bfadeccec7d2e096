import type { Area } from '../area';

export const tryArea: Area = {
  path: '/try',
  title: '试一试',
  roles: ['admin'],
  available: (me) => me.tryIt === true,
  routes: [{ path: '/try', component: () => import('./TryPage.vue') }],
};
