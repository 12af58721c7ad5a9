import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

// Debian's chromium, never a downloaded browser. `npm test` installs it (scripts/ensure-chromium.sh)
// when running as root on Debian; anywhere else its absence fails the browser tests loudly.
export const CHROMIUM = '/usr/bin/chromium';

export type TestBrowser = { browser: Browser; close: () => Promise<void> };

export async function launchChromium(): Promise<TestBrowser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`浏览器测试需要 ${CHROMIUM}：请运行 apt-get install -y chromium（npm test 以 root 运行时会自动安装）`);
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
    ],
    // launch() itself gives every browser a fresh temporary --user-data-dir and removes it on close.
  });
  return { browser, close: () => browser.close() };
}

export const VIEWPORTS = [
  { name: 'phone', width: 375, height: 812 },
  { name: 'desktop', width: 1280, height: 800 },
] as const;

/** A fresh context (cookies) for one viewport; requests to another origin and CSP violations land in `foreign`. */
export async function pageContext(b: Browser, viewport: { width: number; height: number }, origin: string, foreign: string[]): Promise<BrowserContext> {
  const context = await b.newContext({ viewport, locale: 'zh-CN', isMobile: viewport.width < 500, hasTouch: viewport.width < 500 });
  context.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('about:')) foreign.push(u);
  });
  // A blocked inline style or script would show up only as a console message: count it too.
  context.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) foreign.push(`CSP on ${m.page()?.url() ?? m.location().url}: ${m.text().slice(0, 90)}`);
  });
  return context;
}
