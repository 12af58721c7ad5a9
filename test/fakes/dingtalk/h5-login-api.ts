// A fake DingTalk on loopback speaking the two calls of H5 免登 (PLATFORMS.md): the app's access token
// (POST /v1.0/oauth2/accessToken), then the JSAPI auth code → userid (POST /topapi/v2/user/getuserinfo).
// `users` maps the codes the fake knows to their userids; any other code gets DingTalk's 40078.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeH5LoginApi = { base: string; seen: string[]; close: () => Promise<void> };

export async function startFakeH5LoginApi(users: Record<string, string>, accessToken = 'app-token'): Promise<FakeH5LoginApi> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push(`${req.method} ${req.url} ${body}`);
      res.setHeader('content-type', 'application/json');
      if (req.url === '/v1.0/oauth2/accessToken') return res.end(JSON.stringify({ accessToken, expireIn: 7200 }));
      if (req.url === `/topapi/v2/user/getuserinfo?access_token=${accessToken}`) {
        const { code } = JSON.parse(body) as { code: string };
        return res.end(JSON.stringify(users[code] ? { errcode: 0, result: { userid: users[code] } } : { errcode: 40078, errmsg: '不存在的临时授权码' }));
      }
      res.statusCode = 404;
      res.end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, seen, close: () => new Promise((r) => server.close(() => r())) };
}
