// Puts the campaign form, with a fresh scope preview, into an open modal. Used when the
// modal opens, when the kind, template or a filter changes, and after a failed publish.
import type { AppContext } from '../../app-context.ts';
import { previewBlocks, summarizeScope } from '../../campaigns/preview.ts';
import { scopeFor } from '../../campaigns/scope-cache.ts';
import { slackErrorCode } from '../../campaigns/slack-error.ts';
import { explainGitHubError } from '../../github/explain-error.ts';
import { type CampaignForm, type FormMeta, formFilters } from './campaign-form.ts';
import { campaignModal } from './campaign-modal.ts';

export async function showForm(
  ctx: AppContext,
  input: {
    viewId: string;
    hash?: string;
    form: CampaignForm;
    meta: FormMeta;
    fresh?: boolean;
    banner?: string;
  },
): Promise<void> {
  const { form, meta } = input;
  let preview = previewBlocks(undefined, form.kind);
  try {
    const scope = await scopeFor(ctx, meta.id, formFilters(form), { fresh: input.fresh ?? false });
    preview = previewBlocks(summarizeScope(scope), form.kind);
  } catch (err) {
    const why = explainGitHubError(err, 'count the matching alerts').message;
    ctx.logger.warn({ err, campaign: meta.id }, 'scope preview failed');
    preview = [
      { type: 'section', block_id: 'preview', text: { type: 'mrkdwn', text: `:warning: ${why}` } },
    ];
  }
  const view = campaignModal(form, meta, preview, input.banner);
  try {
    await ctx.slack.views.update({
      view_id: input.viewId,
      ...(input.hash ? { hash: input.hash } : {}),
      view,
    });
  } catch (err) {
    // The person changed something meanwhile; the newer change brings its own update.
    if (slackErrorCode(err) === 'hash_conflict') return;
    throw err;
  }
}
