// Hostile and ordinary requests; none may see a stack trace, SQL or a driver's message.
export const HOSTILE: [string, RequestInit?][] = [
  ['/health'],
  ['/v1/me'],
  ['/v1/me', { headers: { authorization: "Bearer ' OR 1=1 --" } }],
  ['/v1/hazards?status=%3Cscript%3E&limit=-1', { headers: { authorization: 'Bearer gs_not_a_token_at_all_000000' } }],
  ['/v1/hazards/1%27%20or%201%3D1', { headers: { authorization: 'Bearer x' } }],
  ['/v1/hazards', { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer x' }, body: '{"enterpriseId":' }],
  ['/v1/hazards', { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>' }],
  ['/../../etc/passwd'],
  ['/v1/%00%ff'],
  ['/health', { method: 'DELETE' }],
];
export const INTERNALS = /\bat [\w$.<>]+ \(|\.[cm]?[jt]s:\d+|sqlite|no such table|\bselect\b[^"]*\bfrom\b|\binsert into\b|create table|DrizzleQueryError|D1_ERROR|Failed query|stack/i;

