type Requester = { request(path: string, init?: RequestInit): Response | Promise<Response> };

/**
 * What the confirm page's button does: POST the ticket from the link to /auth/ticket (same origin,
 * as the browser sends it). `app.request` answers for http://localhost.
 */
export function postTicket(app: Requester, ticket: string, opts: { next?: string; origin?: string } = {}): Promise<Response> {
  const body = new URLSearchParams({ t: ticket, ...(opts.next ? { next: opts.next } : {}) });
  return Promise.resolve(app.request('/auth/ticket', {
    method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', origin: opts.origin ?? 'http://localhost' },
  }));
}

/** Signs in with a ticket and returns the `gs_session=…` cookie pair. */
export async function sessionCookie(app: Requester, ticket: string): Promise<string> {
  const res = await postTicket(app, ticket);
  const set = res.headers.get('set-cookie');
  if (res.status !== 303 || !set) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return set.split(';')[0];
}
