import type { Area } from '../area';

export const deliveryArea: Area = {
  path: '/delivery',
  title: '提醒与推送',
  roles: ['admin', 'manager'],
  routes: [{ path: '/delivery', component: () => import('./DeliveryPage.vue') }],
};
