// Turns alert changes into messages for people. Each (alert, change, recipient) is sent at
// most once across retries and replicas: the claim is taken before sending and given back
// if sending fails, so a retry sends what is missing and nothing twice.
import type { AppContext } from '../app-context.ts';
import type { AlertSnapshot } from '../domain/types.ts';
import { alertKey } from '../domain/types.ts';
import { assignmentDm } from '../slack/messages/assignment-dm.ts';
import { claimOnce, releaseClaim } from '../store/lock.ts';
import { type AlertChange, changeId } from '../sync/alert-changes.ts';

const ONCE_TTL_MS = 30 * 24 * 3600 * 1000;

export async function notifyChanges(
  ctx: AppContext,
  after: AlertSnapshot,
  changes: AlertChange[],
): Promise<void> {
  const log = ctx.logger.child({ component: 'notify', alert: alertKey(after), repo: after.repo });
  const campaigns = await ctx.repos.campaigns.forAlert(after);
  const campaign = campaigns.find((c) => c.state === 'open') ?? campaigns[0];

  for (const change of changes) {
    if (change.type !== 'assigned') {
      log.debug({ change: change.type }, 'change has no notification yet');
      continue;
    }
    const link = await ctx.repos.identities.byGitHubLogin(change.login);
    if (!link) {
      log.info({ login: change.login }, 'assignee has no Slack user; not notified');
      continue;
    }
    const key = `dm:${alertKey(after)}:${changeId(change, after)}:${link.slackUserId}`;
    if (!(await claimOnce(ctx.kv, key, ONCE_TTL_MS))) {
      log.debug({ login: change.login }, 'assignment already notified');
      continue;
    }
    try {
      const message = assignmentDm([after], campaign);
      await ctx.slack.chat.postMessage({ channel: link.slackUserId, ...message });
      ctx.metrics.dmsSent.inc({ reason: 'assigned' });
      log.info({ login: change.login, slackUser: link.slackUserId }, 'assignment DM sent');
    } catch (err) {
      await releaseClaim(ctx.kv, key);
      throw err;
    }
  }
}
