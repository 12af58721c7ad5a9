/** @jsxImportSource hono/jsx */

/** 上一页 / 下一页 links for a list paged by offset, keeping the list's filters (`qs`). */
export function Pager({ path, qs, offset, size, shown, total }: { path: string; qs: string; offset: number; size: number; shown: number; total: number }) {
  const more = offset + shown < total;
  if (offset === 0 && !more) return null;
  const at = (o: number) => {
    const p = new URLSearchParams(qs);
    if (o > 0) p.set('offset', String(o));
    const s = p.toString();
    return s ? `${path}?${s}` : path;
  };
  return (
    <p class="pager">
      {offset > 0 && <a id="prev-page" href={at(Math.max(0, offset - size))}>上一页</a>}
      {offset > 0 && more && ' · '}
      {more && <a id="next-page" href={at(offset + size)}>下一页</a>}
      <span class="muted"> 第 {offset + 1}–{offset + shown} 条，共 {total} 条</span>
    </p>
  );
}
