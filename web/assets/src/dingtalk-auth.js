// Bundled by `npm run build:assets` into web/assets/dingtalk-jsapi.ts (served by the app, never a CDN).
import requestAuthCode from 'dingtalk-jsapi/api/runtime/permission/requestAuthCode';
window.gridsafeRequestAuthCode = requestAuthCode;
