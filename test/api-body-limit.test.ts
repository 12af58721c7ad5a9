import { describe, it, expect, afterAll } from 'vitest';
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { request } from 'node:http';
import { count } from 'drizzle-orm';
import { testApp } from './helpers/deps.js';
import { makeWorld } from './helpers/fixtures.js';
import { hazards } from '../db/schema/index.js';
import { MAX_JSON_BYTES } from '../api/app.js';

// The production path: a real Node server, where Content-Length is checked from the header alone
// and a chunked body is counted while it streams (api/core/body-limit.ts).
async function realServer() {
  const t = await testApp();
  const w = await makeWorld(t.db);
  const server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address() as AddressInfo;
  return { t, w, port, close: () => new Promise((r) => server.close(r)) };
}

function send(port: number, token: string, body: string, opts: { chunked?: boolean } = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    if (!opts.chunked) headers['content-length'] = String(Buffer.byteLength(body));
    const req = request({ host: '127.0.0.1', port, path: '/v1/hazards', method: 'POST', headers }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, body: text }));
    });
    req.on('error', reject);
    if (opts.chunked) {
      // Several writes without Content-Length: Node sends Transfer-Encoding: chunked.
      for (let i = 0; i < body.length; i += 64 * 1024) req.write(body.slice(i, i + 64 * 1024));
      req.end();
    } else req.end(body);
  });
}

describe('request body limits over a real HTTP server', () => {
  const servers: { close: () => Promise<unknown> }[] = [];
  afterAll(async () => Promise.all(servers.map((s) => s.close())));

  it('a JSON report within the limit is accepted with Content-Length and chunked', async () => {
    const s = await realServer();
    servers.push(s);
    const ok = await send(s.port, s.w.workerA1.token, JSON.stringify({ enterpriseId: s.w.entA1.id, description: '消防通道堵塞' }));
    expect(ok.status).toBe(201);
    const chunked = await send(s.port, s.w.workerA1.token, JSON.stringify({ enterpriseId: s.w.entA1.id, description: '配电箱未接地' }), { chunked: true });
    expect(chunked.status).toBe(201);
  });

  it('an oversized body is refused with payload_too_large and a Chinese message, either way, and nothing is written', async () => {
    const s = await realServer();
    servers.push(s);
    const huge = JSON.stringify({ enterpriseId: s.w.entA1.id, description: 'x'.repeat(MAX_JSON_BYTES) });
    for (const chunked of [false, true]) {
      const r = await send(s.port, s.w.workerA1.token, huge, { chunked });
      expect(r.status).toBe(413);
      expect(JSON.parse(r.body)).toEqual({ error: { code: 'payload_too_large', message: '请求体过大' } });
    }
    expect((await s.t.db.select({ n: count() }).from(hazards))[0].n).toBe(0);
  });
});
