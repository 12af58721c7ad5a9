import type { Role } from '../../db/schema/index.js';
import type { Reply } from '../present/reply.js';
import { HELP, M } from './messages.js';

/** Help for the sender's role only: a worker is not shown commands they cannot use. */
export function helpReply(role: Role, name: string): Reply {
  return {
    title: M.helpTitle(role),
    lines: [`${name}，您好。可以这样对我说：`, ...HELP[role].map(([cmd, what]) => `${cmd} —— ${what}`)],
  };
}

export function unboundReply(): Reply {
  return { title: M.unboundTitle, lines: [...M.unbound] };
}
