// What the autofix buttons do: look at the fix (a read, so no audit entry), generate one
// and watch it for a few seconds, or commit a ready fix to a new branch.
import type { AppContext } from '../app-context.ts';
import type { AlertSnapshot } from '../domain/types.ts';
import { explainGitHubError } from '../github/explain-error.ts';
import { actAs } from '../identity/authorize.ts';
import { link, safeText } from '../slack/mrkdwn.ts';
import type { ActionOrigin, StoredMessage } from './action-origin.ts';
import { readAlert, type Target } from './alert-api.ts';
import { actorText, alertName, byLine, timeText } from './alert-words.ts';
import { autofixBranch, commitAutofix, generateAndWatch, getAutofix } from './autofix-api.ts';
import { autofixPanel } from './autofix-panel.ts';
import type { ActionWork } from './run-alert-action.ts';
import { tellPrivately } from './tell-privately.ts';
import { updateAlertMessage } from './update-alert-message.ts';

export async function showAutofix(
  ctx: AppContext,
  origin: ActionOrigin,
  message: StoredMessage | null,
  target: Target,
): Promise<void> {
  const acting = await actAs(ctx, origin.userId);
  if (!acting.ok) {
    await tellPrivately(ctx, origin, acting.message);
    return;
  }
  try {
    const alert = await readAlert(acting.github, target);
    const fix = await getAutofix(acting.github, target);
    const extra = autofixPanel(ctx, alert, fix);
    const shown = await updateAlertMessage(ctx, origin, message, alert, undefined, {
      viewer: acting.login,
      extra,
    });
    if (!shown) await tellPrivately(ctx, origin, `Autofix for ${alertName(alert)}: ${fix.status}.`);
  } catch (err) {
    const e = explainGitHubError(err, 'read the autofix');
    await tellPrivately(ctx, origin, `:warning: ${e.message}`);
  }
}

export function generateWork(ctx: AppContext, target: Target): ActionWork {
  return async (acting, current) => {
    if (current.status !== 'open') {
      return {
        result: 'already_done',
        message: `${alertName(current)} is closed; nothing to fix.`,
      };
    }
    const fix = await generateAndWatch(acting.github, target);
    return {
      result: 'ok',
      after: current,
      line: `:robot_face: Autofix asked for by ${actorText(acting.slackUserId)} · ${timeText(ctx)}`,
      extra: autofixPanel(ctx, current, fix),
      reason: fix.status,
    };
  };
}

/** Why a fix for an alert found on a pull request is not committed from here. */
function notOnBranchText(
  web: string,
  alert: AlertSnapshot,
  found: { pullRequest: number | null; ref: string },
): string {
  const open = alert.htmlUrl
    ? link(alert.htmlUrl, 'Open the alert on GitHub')
    : 'Open the alert on GitHub';
  const nothing = 'Nothing was changed.';
  if (!found.pullRequest) {
    return (
      `${alertName(alert)} was found on \`${safeText(found.ref, 100)}\`, which is not a ` +
      `branch, so Burndown cannot commit its fix from Slack. ${open} to apply it. ${nothing}`
    );
  }
  const pr = link(`${web}/${alert.repo}/pull/${found.pullRequest}`, `#${found.pullRequest}`);
  return (
    `${alertName(alert)} was found on pull request ${pr}, not on a branch: its fix must be ` +
    `committed on that pull request's branch. ${open} to apply the fix there. ${nothing}`
  );
}

export function commitWork(ctx: AppContext, target: Target): ActionWork {
  return async (acting, current) => {
    const fix = await getAutofix(acting.github, target);
    if (fix.status !== 'success') {
      return {
        result: 'already_done',
        message:
          `There is no ready fix to commit for ${alertName(current)} ` +
          `(autofix: ${fix.status}).`,
      };
    }
    const done = await commitAutofix(acting.github, target);
    const web = ctx.config.GITHUB_WEB_URL.replace(/\/$/, '');
    if (!done.ok) {
      return { result: 'invalid_input', message: notOnBranchText(web, current, done) };
    }
    const compare = `${web}/${target.repo}/compare/${done.base}...${done.branch}?expand=1`;
    return {
      result: 'ok',
      after: current,
      line:
        `:rocket: Fix committed to \`${autofixBranch(target)}\` ` +
        byLine(ctx, acting.slackUserId) +
        ` · ${link(compare, 'Open a pull request')}`,
      extra: autofixPanel(ctx, current, fix),
      reason: done.branch,
    };
  };
}
