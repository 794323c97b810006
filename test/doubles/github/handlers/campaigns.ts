// Security campaigns, including the product limits GitHub documents for the UI (10 open
// campaigns per org, 1000 alerts per campaign, a due date in the future).
import { requireIdentity, requireSecurityRole } from '../auth.ts';
import { simpleUser } from '../builders-core.ts';
import { notFound, validationFailed } from '../errors.ts';
import { type Checked, type Ctx, type HandlerTable, iso, sortBy } from '../handler-types.ts';
import {
  type CampaignAlertRef,
  type CampaignRecord,
  type DoubleState,
  findOrg,
  findRepoById,
  type GhUser,
  type OrgRecord,
} from '../state.ts';

type Kind = 'code' | 'secret';

const MAX_OPEN = 10;
const MAX_ALERTS = 1000;

function orgFor(ctx: Ctx, write: boolean): OrgRecord {
  const identity = requireIdentity(ctx.identity);
  const org = findOrg(ctx.state, ctx.path.org);
  if (!org) throw notFound();
  requireSecurityRole(ctx.state, identity, org, write);
  return org;
}

function campaignFor(org: OrgRecord, number: number): CampaignRecord {
  const found = org.campaigns.find((c) => c.summary.number === number);
  if (!found) throw notFound();
  return found;
}

function alertStats(state: DoubleState, refs: CampaignAlertRef[], kind: Kind = 'code') {
  const stats = { open_count: 0, closed_count: 0, in_progress_count: 0 };
  for (const ref of refs) {
    const repo = findRepoById(state, ref.repository_id);
    for (const n of ref.alert_numbers) {
      const list = kind === 'code' ? repo?.codeAlerts : repo?.secretAlerts;
      const alert = (list as { number: number; state?: unknown }[] | undefined)?.find(
        (a) => a.number === n,
      ) as { state?: unknown; linked_pull_requests?: unknown } | undefined;
      if (!alert) continue;
      if (alert.state !== 'open') stats.closed_count++;
      else if ((alert.linked_pull_requests as unknown[] | undefined)?.length) {
        stats.in_progress_count++;
      } else stats.open_count++;
    }
  }
  return stats;
}

function statsOf(state: DoubleState, record: CampaignRecord) {
  return record.secretAlerts
    ? alertStats(state, record.secretAlerts, 'secret')
    : alertStats(state, record.codeAlerts);
}

function managersFrom(state: DoubleState, logins: string[] | undefined): GhUser[] {
  return (logins ?? []).map((login) => {
    const user = state.users[login];
    if (!user) throw validationFailed('Campaign', 'managers', `${login} is not a valid user`);
    return simpleUser(user);
  });
}

function teamsFrom(org: OrgRecord, slugs: string[] | undefined) {
  return (slugs ?? []).map((slug) => {
    const team = org.teams[slug];
    if (!team) throw validationFailed('Campaign', 'team_managers', `${slug} is not a team`);
    return team.team;
  });
}

function checkEndsAt(value: string, now: number): void {
  if (Date.parse(value) <= now) {
    throw validationFailed('Campaign', 'ends_at', 'Ends at must be in the future');
  }
}

function openCount(org: OrgRecord): number {
  return org.campaigns.filter((c) => c.summary.state === 'open').length;
}

function checkAlerts(
  state: DoubleState,
  org: OrgRecord,
  refs: CampaignAlertRef[],
  kind: Kind = 'code',
): void {
  const field = kind === 'code' ? 'code_scanning_alerts' : 'secret_scanning_alerts';
  const total = refs.reduce((sum, r) => sum + r.alert_numbers.length, 0);
  if (total > MAX_ALERTS) {
    throw validationFailed(
      'Campaign',
      field,
      `A campaign can include at most ${MAX_ALERTS} alerts (got ${total})`,
    );
  }
  for (const ref of refs) {
    const repo = findRepoById(state, ref.repository_id);
    if (!repo || repo.repo.owner.login.toLowerCase() !== org.login.toLowerCase()) {
      throw validationFailed('Campaign', field, `Unknown repository ${ref.repository_id}`);
    }
    for (const n of ref.alert_numbers) {
      const list = kind === 'code' ? repo.codeAlerts : repo.secretAlerts;
      if (!(list as { number: number }[]).some((a) => a.number === n)) {
        throw validationFailed(
          'Campaign',
          field,
          `Alert ${n} does not exist in ${repo.repo.full_name}`,
        );
      }
    }
  }
}

export const campaignHandlers: HandlerTable = {
  'campaigns/list-org-campaigns': (ctx) => {
    const org = orgFor(ctx, false);
    const { state, sort = 'created', direction = 'desc' } = ctx.query;
    const key =
      sort === 'created'
        ? 'created_at'
        : sort === 'updated'
          ? 'updated_at'
          : sort === 'ends_at'
            ? 'ends_at'
            : 'published_at';
    const picked = org.campaigns.map((c) => c.summary).filter((c) => !state || c.state === state);
    // GitHub's list omits alert_stats; progress comes from GET on a single campaign.
    return { status: 200, items: sortBy(picked, (c) => String(c[key] ?? ''), direction) };
  },

  'campaigns/create-campaign': (ctx) => {
    const org = orgFor(ctx, true);
    const body = ctx.body as Record<string, Checked>;
    checkEndsAt(body.ends_at, ctx.now);
    if (openCount(org) >= MAX_OPEN) {
      throw validationFailed(
        'Campaign',
        'state',
        `An organization can have at most ${MAX_OPEN} open campaigns`,
      );
    }
    const kind: Kind = body.secret_scanning_alerts ? 'secret' : 'code';
    const refs = ((kind === 'code' ? body.code_scanning_alerts : body.secret_scanning_alerts) ??
      []) as CampaignAlertRef[];
    checkAlerts(ctx.state, org, refs, kind);
    const stamp = iso(ctx.now);
    const number = org.nextCampaignNumber++;
    const summary = {
      number,
      created_at: stamp,
      updated_at: stamp,
      name: body.name,
      description: body.description,
      managers: managersFrom(ctx.state, body.managers),
      team_managers: teamsFrom(org, body.team_managers),
      published_at: stamp,
      ends_at: body.ends_at,
      closed_at: null,
      state: 'open' as const,
      contact_link: body.contact_link ?? null,
    };
    const copy = refs.map((r) => ({ ...r }));
    const record =
      kind === 'code'
        ? { summary, codeAlerts: copy }
        : { summary, codeAlerts: [], secretAlerts: copy };
    org.campaigns.push(record);
    // Create answers 200 (not 201) per the OpenAPI description.
    return { status: 200, body: { ...summary, alert_stats: alertStats(ctx.state, refs, kind) } };
  },

  'campaigns/get-campaign-summary': (ctx) => {
    const org = orgFor(ctx, false);
    const record = campaignFor(org, ctx.path.campaign_number);
    const stats = statsOf(ctx.state, record);
    return { status: 200, body: { ...record.summary, alert_stats: stats } };
  },

  'campaigns/update-campaign': (ctx) => {
    const org = orgFor(ctx, true);
    const record = campaignFor(org, ctx.path.campaign_number);
    const body = ctx.body as Record<string, Checked>;
    const summary = record.summary;
    if (body.state === 'open' && summary.state === 'closed' && openCount(org) >= MAX_OPEN) {
      throw validationFailed(
        'Campaign',
        'state',
        `An organization can have at most ${MAX_OPEN} open campaigns`,
      );
    }
    for (const key of ['name', 'description', 'ends_at', 'contact_link'] as const) {
      if (key in body) summary[key] = body[key];
    }
    if (body.managers) summary.managers = managersFrom(ctx.state, body.managers);
    if (body.team_managers) summary.team_managers = teamsFrom(org, body.team_managers);
    if (body.state && body.state !== summary.state) {
      summary.state = body.state;
      summary.closed_at = body.state === 'closed' ? iso(ctx.now) : null;
    }
    summary.updated_at = iso(ctx.now);
    const stats = statsOf(ctx.state, record);
    return { status: 200, body: { ...summary, alert_stats: stats } };
  },

  'campaigns/delete-campaign': (ctx) => {
    const org = orgFor(ctx, true);
    const record = campaignFor(org, ctx.path.campaign_number);
    org.campaigns.splice(org.campaigns.indexOf(record), 1);
    return { status: 204 };
  },
};
