// Words after a name that make it a landmark, not the place of the hazard: 恒达隔壁那家小厂, 恒达对面的仓库,
// 恒达旁边的空地. The parser drops such a name from the enterprise slot, and the dialog never takes it from the
// rest of the message either: either would file the hazard at 恒达.
export const LANDMARK = /隔壁|旁边|对面|附近|边上|斜对|后面那|前面那|楼上那|楼下那/;

/** Whether `name`, where the message says it, is followed by a landmark word. */
export function saidAsLandmark(text: string, name: string): boolean {
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    if (new RegExp(`^(?:的|那个|那家)?(?:${LANDMARK.source})`).test(text.slice(at + name.length))) return true;
  }
  return false;
}
