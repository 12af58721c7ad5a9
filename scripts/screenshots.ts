// npm run screenshots: the main pages at phone (375×812) and desktop (1280×800) size, from the demo
// district, into docs/screenshots/. Uses Debian's chromium like the browser tests (and, for Chinese
// text, a CJK font such as Debian's fonts-noto-cjk).
import { mkdirSync } from 'node:fs';
import { startDemo } from './demo.js';
import { issueLoginTicket, ticketUrl } from '../web/auth/issue-ticket.js';
import { listHazards } from '../api/hazards/list.js';
import { loadActor } from '../api/core/actor.js';
import { launchChromium, pageContext, VIEWPORTS } from '../test/helpers/browser.js';

const OUT = 'docs/screenshots';

async function main() {
  mkdirSync(OUT, { recursive: true });
  const demo = await startDemo({ port: 0, dbPath: 'data/screenshots.db', dataDir: 'data/screenshots-files' });
  const tb = await launchChromium();
  const foreign: string[] = [];
  try {
    const worker = await loadActor(demo.deps.db, demo.seed.tokens.worker.id);
    const { items } = await listHazards({ ...demo.deps, actor: worker!, channel: 'web' }, { status: 'open', limit: 1 });
    const shots: { who: 'worker' | 'townAdmin'; name: string; path: string }[] = [
      { who: 'worker', name: 'tasks', path: '/app' },
      { who: 'worker', name: 'report', path: '/app/report' },
      { who: 'worker', name: 'patrol', path: '/app/patrol' },
      ...(items[0] ? [{ who: 'worker' as const, name: 'enterprise', path: `/app/enterprises/${items[0].enterprise.id}` }] : []),
      ...(items[0] ? [{ who: 'worker' as const, name: 'hazard', path: `/app/hazards/${items[0].code}` }] : []),
      { who: 'townAdmin', name: 'dashboard', path: '/app/dashboard' },
      { who: 'townAdmin', name: 'import', path: '/app/admin/import' },
      { who: 'townAdmin', name: 'hazards', path: '/app/hazards?status=open' },
    ];
    for (const vp of VIEWPORTS) {
      for (const who of ['worker', 'townAdmin'] as const) {
        const context = await pageContext(tb.browser, vp, demo.url, foreign);
        const page = await context.newPage();
        const { ticket } = await issueLoginTicket(demo.deps, demo.seed.tokens[who].id, new Date());
        await page.goto(ticketUrl(demo.url, ticket));
        // The confirm page (a link preview must not spend the ticket); its button signs in.
        await Promise.all([page.waitForURL(/\/app/), page.click('#enter')]);
        for (const s of shots.filter((x) => x.who === who)) {
          await page.goto(demo.url + s.path);
          const file = `${OUT}/${s.name}-${vp.name}.png`;
          await page.screenshot({ path: file, fullPage: vp.name === 'phone' });
          console.log(file);
        }
        await context.close();
      }
    }
    if (foreign.length) throw new Error(`pages requested another origin: ${foreign.join(', ')}`);
  } finally {
    await tb.close();
    await demo.stop();
  }
}

main().catch((e) => {
  console.error('截图失败:', e instanceof Error ? e.message : e);
  process.exit(1);
});
