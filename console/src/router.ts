// Routes: the sign-in page outside the layout, every area inside it. A page load first asks /me; without a
// session the user lands on the sign-in page and comes back to where they were going.
import { createRouter, createWebHistory } from 'vue-router';
import { api } from './shared/api';
import { session, type Me } from './shared/session';
import { areas } from './areas';
import Layout from './Layout.vue';

export const router = createRouter({
  history: createWebHistory('/console/'),
  routes: [
    { path: '/login', component: () => import('./pages/LoginPage.vue'), meta: { public: true } },
    { path: '/', component: Layout, redirect: '/overview', children: areas.flatMap((a) => a.routes) },
    { path: '/:rest(.*)*', redirect: '/overview' },
  ],
});

export async function loadMe(): Promise<Me | null> {
  try {
    const me = await api.get<Me>('/me', { quiet: true });
    session.me = me;
    session.csrfToken = me.csrfToken;
    return me;
  } catch {
    session.me = null;
    session.csrfToken = null;
    return null;
  }
}

router.beforeEach(async (to) => {
  if (to.meta.public) return true;
  if (!session.me && !(await loadMe())) return { path: '/login', query: { next: to.fullPath } };
  return true;
});
