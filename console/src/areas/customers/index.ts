import type { Area } from '../area';

export const customersArea: Area = {
  path: '/customers',
  title: '客户',
  roles: ['admin', 'manager', 'rep'],
  routes: [
    { path: '/customers', component: () => import('./CustomersPage.vue') },
    { path: '/customers/:id', component: () => import('./CustomerPage.vue') },
  ],
};
