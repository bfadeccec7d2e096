import { createApp } from 'vue';
import ElementPlus from 'element-plus';
import zhCn from 'element-plus/es/locale/lang/zh-cn.mjs';
import 'element-plus/dist/index.css';
import App from './App.vue';
import { router } from './router';
import { whenSignedOut } from './shared/api';
import { session } from './shared/session';

whenSignedOut(() => {
  session.me = null;
  session.csrfToken = null;
  if (router.currentRoute.value.path !== '/login') void router.push({ path: '/login', query: { next: router.currentRoute.value.fullPath } });
});

createApp(App).use(ElementPlus, { locale: zhCn }).use(router).mount('#app');
