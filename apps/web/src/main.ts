import { createApp } from 'vue';
import ElementPlus from 'element-plus';
import zhCn from 'element-plus/es/locale/lang/zh-cn';
import 'element-plus/dist/index.css';
import './app.css';
import App from './App.vue';
import { i18n } from './i18n';
import { router } from './router';

createApp(App).use(ElementPlus, { locale: zhCn }).use(i18n).use(router).mount('#app');
