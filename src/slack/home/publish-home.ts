// Builds and publishes one person's Home tab from what Burndown already knows (no GitHub
// calls: the tab opens often and sync keeps the alerts fresh).
import type { AppContext } from '../../app-context.ts';
import { countTotals, type Totals } from '../../digest/alert-totals.ts';
import { campaignLink } from '../../digest/compose-digest.ts';
import type { AlertSnapshot } from '../../domain/types.ts';
import { linkYourselfHint } from '../../identity/link-hint.ts';
import { type HomeInput, homeView } from './home-view.ts';

export async function homeInput(ctx: AppContext, userId: string): Promise<HomeInput> {
  const me = await ctx.repos.identities.bySlackUser(userId);
  if (!me) return { assigned: [], managed: [], linkHint: linkYourselfHint(ctx, userId) };
  const login = me.githubLogin.toLowerCase();
  const campaigns = (await ctx.repos.campaigns.list()).filter((c) => c.state === 'open');
  const input: HomeInput = { login: me.githubLogin, assigned: [], managed: [] };
  for (const campaign of campaigns) {
    const refs = campaign.members.map((m) => ({ kind: campaign.kind, ...m }));
    const snapshots = (await ctx.repos.alerts.getMany(refs)).filter(
      (a): a is AlertSnapshot => a !== null,
    );
    for (const alert of snapshots) {
      const mine = alert.assignees.some((a) => a.toLowerCase() === login);
      if (mine && alert.status === 'open') input.assigned.push({ alert, campaign });
    }
    if (campaign.managers.some((m) => m.toLowerCase() === login)) {
      const totals: Totals = campaign.members.length
        ? countTotals(snapshots)
        : (campaign.stats ?? { open: 0, inProgress: 0, closed: 0 });
      input.managed.push({ campaign, totals, url: campaignLink(ctx, campaign) });
    }
  }
  return input;
}

export async function publishHome(ctx: AppContext, userId: string): Promise<void> {
  const view = homeView(await homeInput(ctx, userId));
  await ctx.slack.views.publish({ user_id: userId, view });
}
