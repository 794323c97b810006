// A submitted campaign form: validated before anything happens, then published with the
// creator's own token, then given its channel and announced. The modal shows each outcome.
import type { AppContext } from '../app-context.ts';
import type { CampaignRecord } from '../domain/campaign.ts';
import type { AlertSnapshot } from '../domain/types.ts';
import { asBotError } from '../errors.ts';
import { type Acting, actAs } from '../identity/authorize.ts';
import type { CampaignForm, FormMeta } from '../slack/views/campaign-form.ts';
import { formFilters } from '../slack/views/campaign-form.ts';
import { messageModal } from '../slack/views/campaign-modal.ts';
import { showForm } from '../slack/views/show-form.ts';
import { releaseClaim } from '../store/lock.ts';
import { announceCampaign } from './announce.ts';
import { ensureCampaignChannel } from './channel-setup.ts';
import { recordFromForm } from './drafts.ts';
import { publishCampaign, refusedOutright } from './publish.ts';
import { forgetScope, scopeFor } from './scope-cache.ts';
import type { ScopeResult } from './scope-query.ts';
import {
  checkFields,
  checkOpenLimit,
  checkScope,
  type FieldErrors,
  resolveManagers,
} from './validate-form.ts';

export type Checked =
  | { ok: false; errors: FieldErrors }
  | { ok: true; managers: string[]; scope?: ScopeResult; acting?: Extract<Acting, { ok: true }> };

/** Every check, in the order a person would fix things; no side effect anywhere. */
export async function checkSubmission(
  ctx: AppContext,
  userId: string,
  form: CampaignForm,
  meta: FormMeta,
): Promise<Checked> {
  const errors = checkFields(ctx, form);
  const managers = await resolveManagers(ctx, form);
  Object.assign(errors, managers.errors);
  if (form.mode === 'draft') {
    return Object.keys(errors).length
      ? { ok: false, errors }
      : { ok: true, managers: managers.logins };
  }
  const acting = await actAs(ctx, userId);
  if (!acting.ok) errors.mode = acting.message;
  if (Object.keys(errors).length) return { ok: false, errors };
  const scope = await scopeFor(ctx, meta.id, formFilters(form));
  Object.assign(errors, checkScope(scope));
  if (!errors.template) Object.assign(errors, await checkOpenLimit(ctx));
  if (Object.keys(errors).length || !acting.ok) return { ok: false, errors };
  return { ok: true, managers: managers.logins, scope, acting };
}

/** Remembers the alerts as last seen, so the sync reports changes from here on. */
async function rememberAlerts(ctx: AppContext, alerts: AlertSnapshot[]): Promise<void> {
  const known = await ctx.repos.alerts.getMany(alerts);
  for (const [i, a] of alerts.entries()) {
    if (known[i]) continue;
    const { autofix: _autofix, ...snapshot } = a as AlertSnapshot & { autofix?: boolean };
    await ctx.repos.alerts.put(snapshot);
  }
}

function liveText(c: CampaignRecord): string {
  const where = c.channelId ? ` Its channel is <#${c.channelId}>.` : '';
  return `:white_check_mark: *Campaign #${c.number} is live on GitHub.*${where}`;
}

type Log = AppContext['logger'];

/** GitHub said no: nothing exists on GitHub, and the next submission starts afresh. */
async function refused(ctx: AppContext, log: Log, record: CampaignRecord, err: unknown) {
  log.warn({ err, code: asBotError(err).code }, 'campaign publish refused');
  const { publishStartedAt: _started, ...draft } = record;
  await ctx.repos.campaigns.save({ ...draft, members: [] });
  return `${(err as Error).message}\nNothing was created. Your campaign is kept as a draft.`;
}

/**
 * No answer, or a failure that may come after GitHub created the campaign: `publishStartedAt`
 * stays, so the next submission looks for the campaign on GitHub before creating one.
 */
async function unanswered(ctx: AppContext, log: Log, record: CampaignRecord, err: unknown) {
  const e = asBotError(err, 'github_request_failed');
  log.error({ err, code: e.code }, 'campaign publish unanswered; it may exist on GitHub');
  await ctx.repos.campaigns.save({ ...record, members: [] });
  return (
    'GitHub’s answer did not arrive, so Burndown cannot tell whether the campaign was ' +
    'created. Your campaign is kept as a draft. Submit again: Burndown checks GitHub first ' +
    'and uses the campaign if it is there, rather than creating it twice.'
  );
}

export async function publishFromModal(
  ctx: AppContext,
  input: { viewId: string; meta: FormMeta; form: CampaignForm; userId: string; checked: Checked },
): Promise<void> {
  const { meta, form, userId, checked, viewId } = input;
  if (!checked.ok || !checked.acting) return;
  const log = ctx.logger.child({ campaign: meta.id, slackUser: userId });
  // The modal may be closed by now; the outcome stands either way.
  const update = (title: string, text: string) =>
    ctx.slack.views
      .update({ view_id: viewId, view: messageModal(title, text) })
      .catch((err) => log.debug({ err }, 'modal not updated'));
  const existing = await ctx.repos.campaigns.get(meta.id);
  let record: CampaignRecord = {
    ...recordFromForm(ctx, {
      id: meta.id,
      form,
      managers: checked.managers,
      userId,
      existing,
      ...(checked.scope ? { scope: checked.scope } : {}),
    }),
    publishStartedAt: existing?.publishStartedAt ?? ctx.now().toISOString(),
  };
  if (existing?.number === undefined) {
    await ctx.repos.campaigns.save(record);
    try {
      record = await publishCampaign(ctx, checked.acting.github, record);
    } catch (err) {
      await releaseClaim(ctx.kv, `campaign-submit:${meta.id}`);
      const banner = refusedOutright(err)
        ? await refused(ctx, log, record, err)
        : await unanswered(ctx, log, record, err);
      await showForm(ctx, { viewId, form, meta, banner });
      return;
    }
    await ctx.repos.campaigns.save(record);
  } else record = existing;
  await rememberAlerts(ctx, checked.scope?.alerts ?? []);
  await forgetScope(ctx, meta.id);
  await update(
    'Campaign published',
    `${liveText(record)}\n:hourglass_flowing_sand: Setting up its channel…`,
  );
  try {
    record = await ensureCampaignChannel(ctx, record);
  } catch (err) {
    log.error({ err }, 'campaign channel set-up failed');
    await update(
      'Campaign published',
      `${liveText(record)}\n:warning: Its Slack channel is not finished yet. Burndown completes ` +
        'it on the next sync, without creating anything twice.',
    );
    return;
  }
  await announceCampaign(ctx, record, checked.scope?.alerts ?? []).catch((err) =>
    log.warn({ err }, 'campaign announcement incomplete'),
  );
  await update('Campaign published', `${liveText(record)} The card is pinned there.`);
}
