// Creates the campaign on GitHub with the creator's own token. The alerts go grouped by
// repository id, and the membership is stored exactly as sent: GitHub offers no way to list
// a campaign's alerts later.
import type { AppContext } from '../app-context.ts';
import type { CampaignMember, CampaignRecord } from '../domain/campaign.ts';
import { BotError } from '../errors.ts';
import { campaignUrl, listCampaigns, toCampaign } from '../github/campaigns.ts';
import type { GitHubClient } from '../github/client.ts';
import { explainGitHubError } from '../github/explain-error.ts';

export interface AlertGroup {
  repository_id: number;
  alert_numbers: number[];
}

export interface CreateBody {
  name: string;
  description: string;
  ends_at: string;
  managers: string[];
  team_managers?: string[];
  contact_link?: string;
  code_scanning_alerts?: AlertGroup[];
  secret_scanning_alerts?: AlertGroup[];
  generate_issues?: boolean;
}

/** Members in a stable order (repository id, then number), one group per repository. */
export function groupMembers(members: CampaignMember[]): AlertGroup[] {
  const groups = new Map<number, number[]>();
  const sorted = [...members].sort((a, b) => a.repoId - b.repoId || a.number - b.number);
  for (const m of sorted) groups.set(m.repoId, [...(groups.get(m.repoId) ?? []), m.number]);
  return [...groups].map(([repository_id, alert_numbers]) => ({ repository_id, alert_numbers }));
}

export function createBody(c: CampaignRecord): CreateBody {
  const groups = groupMembers(c.members);
  const body: CreateBody = {
    name: c.name,
    description: c.description,
    ends_at: c.endsAt,
    managers: c.managers,
    ...(c.teamManagers.length ? { team_managers: c.teamManagers } : {}),
    ...(c.contactLink ? { contact_link: c.contactLink } : {}),
  };
  if (c.kind === 'code') {
    body.code_scanning_alerts = groups;
    if (c.generateIssues) body.generate_issues = true;
  } else {
    // GitHub's OpenAPI description makes `secret_scanning_alerts` the alternative to
    // `code_scanning_alerts` (a oneOf) without defining the property. The alerts go in the
    // shape of code alerts, repository id and alert numbers, since that is how the API names
    // an alert of either kind. If GitHub refuses it, `explain` below has the modal offer the
    // way round: keep a draft, create the campaign on GitHub's page, then adopt it.
    body.secret_scanning_alerts = groups;
  }
  return body;
}

/** A create whose answer was lost (crash, timeout) may have worked: look before creating. */
async function alreadyCreated(ctx: AppContext, gh: GitHubClient, c: CampaignRecord) {
  if (!c.publishStartedAt) return undefined;
  const since = Date.parse(c.publishStartedAt) - 60_000;
  let open: Awaited<ReturnType<typeof listCampaigns>>;
  try {
    open = await listCampaigns(gh, ctx.config.GITHUB_ORG, { state: 'open' });
  } catch (err) {
    // Creating without having looked could make the campaign twice; this attempt stops here,
    // as one whose answer was lost, and the next one looks again.
    ctx.logger.warn(
      { err, code: 'github_request_failed', campaign: c.id },
      'campaign lookup before publishing failed',
    );
    throw new BotError(
      'github_request_failed',
      'Could not check on GitHub whether the campaign already exists.',
      { cause: err, fields: { lookup: true } },
    );
  }
  return open.find((g) => g.name === c.name && Date.parse(g.createdAt) >= since);
}

/**
 * Whether GitHub answered the create with a refusal, so that nothing was created: a 4xx
 * other than 408 (timeout) and 429 (slow down). Anything else (a 5xx, a timeout, no answer)
 * may come after GitHub created the campaign.
 */
export function refusedOutright(err: unknown): boolean {
  const fields = err instanceof BotError ? err.fields : {};
  if (fields.lookup) return false;
  const status = fields.status ?? (err as { status?: unknown } | undefined)?.status;
  return (
    typeof status === 'number' && status >= 400 && status < 500 && status !== 408 && status !== 429
  );
}

function explain(err: unknown, c: CampaignRecord): BotError {
  const e = explainGitHubError(err, 'publish the campaign on GitHub');
  if (c.kind === 'secret' && /secret_scanning_alerts/.test(e.message)) {
    return new BotError(
      e.code,
      'GitHub did not accept a secret scanning campaign from its API. Save this as a draft, ' +
        'create the campaign on GitHub’s campaign page with the same filters, then run ' +
        '`/campaign adopt <number>` to give it a channel.',
      { cause: err, fields: e.fields },
    );
  }
  return e;
}

/** Creates (or finds, after a lost answer) the campaign; returns the record to save. */
export async function publishCampaign(
  ctx: AppContext,
  gh: GitHubClient,
  c: CampaignRecord,
): Promise<CampaignRecord> {
  const org = ctx.config.GITHUB_ORG;
  let created = await alreadyCreated(ctx, gh, c);
  if (!created) {
    try {
      // Not retried on a 5xx: GitHub may have created the campaign before failing, and a
      // second POST would make another. The next submission looks first instead.
      const res = await gh.request('POST /orgs/{org}/campaigns', {
        org,
        ...createBody(c),
        request: { retries: 0 },
      });
      created = toCampaign(res.data as Parameters<typeof toCampaign>[0]);
    } catch (err) {
      throw explain(err, c);
    }
  }
  ctx.logger.info({ campaign: c.id, number: created.number }, 'campaign published');
  return {
    ...c,
    number: created.number,
    state: 'open',
    endsAt: created.endsAt,
    htmlUrl: campaignUrl(ctx.config.GITHUB_WEB_URL, org, created.number),
    ...(created.stats ? { stats: created.stats } : {}),
    updatedAt: ctx.now().toISOString(),
  };
}
