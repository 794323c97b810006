// `/campaign new`: opens the campaign modal at once (a trigger_id lives 3 seconds) with a
// loading message, then fills it in once GitHub's data is in.
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../app-context.ts';
import { dayIn } from '../../campaigns/due-date.ts';
import { findTemplate } from '../../campaigns/templates.ts';
import { actAs } from '../../identity/authorize.ts';
import { type CampaignForm, emptyForm, type FormMeta } from '../views/campaign-form.ts';
import { messageModal } from '../views/campaign-modal.ts';
import { showForm } from '../views/show-form.ts';
import type { Subcommand } from './subcommand.ts';

const LOADING = ':hourglass_flowing_sand: Loading templates and alert counts from GitHub…';

/** Opens the form in a modal; the loading view goes up before anything slow. */
export async function openCampaignForm(
  ctx: AppContext,
  triggerId: string,
  form: CampaignForm,
  meta: FormMeta,
): Promise<void> {
  const opened = await ctx.slack.views.open({
    trigger_id: triggerId,
    view: messageModal('New campaign', LOADING, meta),
  });
  const viewId = opened.view?.id;
  if (!viewId) return;
  await showForm(ctx, {
    viewId,
    form,
    meta,
    ...(opened.view?.hash ? { hash: opened.view.hash } : {}),
  });
}

export const newSubcommand: Subcommand = {
  name: 'new',
  aliases: ['create'],
  usage: 'new',
  summary: 'start a campaign from a template, with a live preview of its alerts',
  async run({ ctx, command }) {
    const acting = await actAs(ctx, command.user_id);
    if (!acting.ok) return acting.message;
    const form = emptyForm('code');
    form.poc = command.user_id;
    form.name = findTemplate(form.template)?.suggestedName ?? '';
    form.due = dayIn(ctx.config.TZ, new Date(ctx.now().getTime() + 30 * 86_400_000));
    await openCampaignForm(ctx, command.trigger_id, form, {
      id: randomUUID(),
      channel: command.channel_id,
    });
    return undefined;
  },
};
