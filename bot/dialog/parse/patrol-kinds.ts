// The kind of visit a worker names before the patrol verb: 例行检查, 月度巡查, 复工检查, 网格巡查, 节前安全检查.
// It says why or how often the visit was made, never who was visited, so every reader skips it.
export const PATROL_KIND =
  '(?:(?:例行|日常|常规|定期|月度|季度|年度|每月|每周|周|月|专项|节前|节后|复工|复产|开工|夜间|突击|联合|全面|综合|网格|现场|入企|上门|消防|安全生产)(?:安全)?(?:大)?)';
/** A patrol kind in front of a patrol verb, to cut from the start of a message. */
export const LEADING_PATROL_KIND = new RegExp(`^${PATROL_KIND}+(?=巡查|检查|巡检|排查|走访)`);
