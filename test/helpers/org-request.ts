import { creditCodeCheckChar } from '../../api/enterprises/credit-code.js';

type Requester = { request: (path: string, init?: RequestInit) => Response | Promise<Response> };

/** JSON request against the test app; returns status and parsed body. */
export async function call(app: Requester, method: string, path: string, auth: Record<string, string>, body?: unknown) {
  const res = await app.request(path, {
    method,
    headers: { ...auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** Raw-body upload (CSV, XLSX, images). */
export async function upload(app: Requester, path: string, auth: Record<string, string>, contentType: string, bytes: Uint8Array | string) {
  const res = await app.request(path, { method: 'POST', headers: { ...auth, 'content-type': contentType }, body: bytes as BodyInit });
  return { status: res.status, body: await res.json() };
}

let codeSeq = 0;
/** A unique, checksum-valid unified social credit code (91 = enterprise, 320412 = 武进区). */
export function creditCode(n = ++codeSeq + Math.floor(Math.random() * 1e6) * 1000): string {
  const body = `91320412${String(n).padStart(9, '0').slice(-9)}`;
  return body + creditCodeCheckChar(body);
}
