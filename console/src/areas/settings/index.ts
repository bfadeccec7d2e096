import type { Area } from '../area';

export const settingsArea: Area = {
  path: '/settings',
  title: '设置',
  roles: ['admin'],
  routes: [{ path: '/settings', component: () => import('./SettingsPage.vue') }],
};
