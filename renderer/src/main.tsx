import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { App } from './App';
import { themeFor } from './theme';
import './styles.css';

dayjs.locale('zh-cn');
// The CSP has no 'unsafe-eval': keep zod from probing `new Function` (it would report a violation).
z.config({ jitless: true });

// Read once at start: a change in the system's setting applies at the next start.
const reduceMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

const root = document.getElementById('root');
if (!root) throw new Error('找不到页面根节点 #root');

createRoot(root).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={themeFor(reduceMotion)} button={{ autoInsertSpace: false }}>
      <AntApp>
        <App />
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
