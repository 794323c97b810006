// Assigning and unassigning. Code scanning keeps a list of assignees that GitHub replaces
// with whatever is sent, so the new list is built from a fresh read and sent whole: sending
// only the newcomer would drop everyone else. Secret scanning has a single assignee.
import type { AppContext } from '../app-context.ts';
import { personLabel } from '../slack/commands/list.ts';
import { patchCodeAlert, patchSecretAlert, type Target } from './alert-api.ts';
import { actorText, alertName, byLine, timeText } from './alert-words.ts';
import type { ActingOk, ActionWork } from './run-alert-action.ts';

export type AssigneeChange = { add: string } | { remove: string };

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The whole list to send for a code scanning alert after one change. */
export function nextAssignees(current: string[], change: AssigneeChange): string[] {
  if ('add' in change) {
    return current.some((c) => same(c, change.add)) ? current : [...current, change.add];
  }
  return current.filter((c) => !same(c, change.remove));
}

export function assignWork(
  ctx: AppContext,
  target: Target,
  pick: (acting: ActingOk) => AssigneeChange,
): ActionWork {
  return async (acting, current) => {
    const change = pick(acting);
    const login = 'add' in change ? change.add : change.remove;
    const who = await personLabel(ctx, login);
    const has = current.assignees.some((a) => same(a, login));
    if ('add' in change && has) {
      return {
        result: 'already_done',
        message: `${who} is already assigned to ${alertName(current)}.`,
      };
    }
    if ('remove' in change && !has) {
      return {
        result: 'already_done',
        message: `${who} is not assigned to ${alertName(current)}.`,
      };
    }
    const after =
      target.kind === 'code'
        ? await patchCodeAlert(acting.github, target, {
            assignees: nextAssignees(current.assignees, change),
          })
        : await patchSecretAlert(acting.github, target, {
            assignee: 'add' in change ? change.add : null,
          });
    const self = same(login, acting.login);
    const actor = actorText(acting.slackUserId);
    // "Assigned to @Alex by @Alex" reads oddly; a person acting on themself says so plainly.
    const adding = 'add' in change;
    const line = self
      ? `${actor} ${adding ? 'took this alert' : 'stepped off this alert'} · ${timeText(ctx)}`
      : `${adding ? `Assigned to ${who}` : `${who} unassigned`} ${byLine(ctx, acting.slackUserId)}`;
    return {
      result: 'ok',
      after,
      line: `:bust_in_silhouette: ${line}`,
      reason: after.assignees.join(' '),
    };
  };
}
