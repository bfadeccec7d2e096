import type { Area } from '../area';

export const storesArea: Area = {
  path: '/stores',
  title: '门店',
  roles: ['admin', 'manager'],
  routes: [{ path: '/stores', component: () => import('./StoresPage.vue') }],
};
