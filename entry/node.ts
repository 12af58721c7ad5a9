import { serve } from '@hono/node-server';
import { parseConfig, describeConfig, ConfigError } from '../lib/config.js';
import { createApp } from '../api/app.js';
import { openRuntime } from './open-runtime.js';

// Thin Node entry: parse config, open the runtime, serve the API. Chat bots and the scheduler
// attach here when configured (see README).
async function main() {
  const config = parseConfig(process.env);
  const { deps, handle } = await openRuntime(config);
  const app = createApp(deps);
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
    const url = `http://${info.address}:${info.port}`;
    console.log(`gridsafe 已启动 API: ${url}  (文档 ${url}/docs, 健康检查 ${url}/health)`);
    for (const [k, v] of Object.entries(describeConfig(config))) console.log(`  ${k}: ${v}`);
    if (!config.DINGTALK_CLIENT_ID && !config.WECHATY_PUPPET) {
      console.log('  未配置聊天平台：设置 DINGTALK_CLIENT_ID/DINGTALK_CLIENT_SECRET 或 WECHATY_PUPPET 后重启（见 .env.example）');
    }
  });
  const stop = () => {
    server.close();
    handle.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  if (e instanceof ConfigError) {
    console.error(e.message);
    process.exit(2);
  }
  console.error('启动失败:', e instanceof Error ? e.message : e);
  process.exit(1);
});
