// What rendering notices needs beyond the notices themselves: the campaigns they belong to,
// how to name people (a mention when linked, the login in plain text when not), and the
// latest state of each alert, so a message never shows a state GitHub has moved past.
import type { AppContext } from '../app-context.ts';
import type { CampaignRecord } from '../domain/campaign.ts';
import { type AlertSnapshot, alertKey } from '../domain/types.ts';
import { safeText } from '../slack/mrkdwn.ts';
import { isAlertNotice, type PendingNotice } from './notice.ts';

export interface RenderLookups {
  campaigns: Map<string, CampaignRecord>;
  people: Map<string, string>;
}

/** A GitHub login as mrkdwn: a Slack mention when linked, else the login in plain text. */
export async function personLabel(ctx: AppContext, login: string): Promise<string> {
  const link = await ctx.repos.identities.byGitHubLogin(login);
  return link ? `<@${link.slackUserId}>` : safeText(login, 40);
}

export async function renderLookups(
  ctx: AppContext,
  notices: PendingNotice[],
): Promise<RenderLookups> {
  const campaigns = new Map<string, CampaignRecord>();
  const logins = new Set<string>();
  for (const p of notices) {
    const n = p.notice;
    const id = n.campaignId;
    if (id && !campaigns.has(id)) {
      const c = await ctx.repos.campaigns.get(id);
      if (c) {
        campaigns.set(id, c);
        if (c.managers[0]) logins.add(c.managers[0]);
      }
    }
    if (isAlertNotice(n) && n.by) logins.add(n.by);
  }
  const people = new Map<string, string>();
  for (const login of logins) people.set(login, await personLabel(ctx, login));
  return { campaigns, people };
}

/** The notices with each alert replaced by its latest known state (`fresh` wins). */
export async function withLatestAlerts(
  ctx: AppContext,
  notices: PendingNotice[],
  fresh?: AlertSnapshot,
): Promise<PendingNotice[]> {
  const refs = notices
    .map((p) => p.notice)
    .filter(isAlertNotice)
    .map((n) => n.alert);
  const latest = await ctx.repos.alerts.getMany(refs);
  const byKey = new Map<string, AlertSnapshot>();
  for (const s of latest) if (s) byKey.set(alertKey(s), s);
  if (fresh) byKey.set(alertKey(fresh), fresh);
  return notices.map((p) => {
    if (!isAlertNotice(p.notice)) return p;
    const now = byKey.get(alertKey(p.notice.alert));
    return now ? { ...p, notice: { ...p.notice, alert: now } } : p;
  });
}
