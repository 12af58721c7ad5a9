import { parseConfig, ConfigError } from '../lib/config.js';
import { openRuntime } from '../entry/open-runtime.js';
import { runTerminalChat } from '../bot/adapters/terminal.js';

// `npx tsx scripts/chat.ts [姓名]`: chat with the bot in the terminal as any person of the
// configured database (DATABASE_URL, default ./data/gridsafe.db).
async function main() {
  const config = parseConfig(process.env);
  const { deps, handle } = await openRuntime(config);
  try {
    await runTerminalChat({ deps, input: process.stdin, output: process.stdout, as: process.argv[2] });
  } finally {
    handle.close();
  }
}

main().catch((e) => {
  console.error(e instanceof ConfigError ? e.message : `终端聊天启动失败：${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
