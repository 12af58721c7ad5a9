/**
 * Runs `fn` on the next turn of the event loop, after the I/O already read off the sockets: work
 * that arrived together is all queued by then, so it can be served together. setImmediate where it
 * exists (Node); workerd may lack it, and there a zero timeout does the same.
 */
export function nextTurn(fn: () => void): void {
  if (typeof setImmediate === 'function') setImmediate(fn);
  else setTimeout(fn, 0);
}
