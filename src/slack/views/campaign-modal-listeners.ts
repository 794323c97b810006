// Listeners of the campaign modal: changes that reshape the form (kind, template, filters),
// the repository search, and the submission.
import type { App, BlockAction } from '@slack/bolt';
import type { AppContext } from '../../app-context.ts';
import { recordFromForm, saveDraft } from '../../campaigns/drafts.ts';
import { searchRepos } from '../../campaigns/org-repos.ts';
import { checkSubmission, publishFromModal } from '../../campaigns/submit-campaign.ts';
import { claimOnce } from '../../store/lock.ts';
import { ACTION_PREFIX, actionId, decodeMeta, FORM_CALLBACK, readForm } from './campaign-form.ts';
import { messageModal } from './campaign-modal.ts';
import { showForm } from './show-form.ts';

const SUBMIT_CLAIM_MS = 10 * 60_000;

export function registerCampaignModal(app: App, ctx: AppContext): void {
  app.action<BlockAction>(new RegExp(`^${ACTION_PREFIX}`), async ({ ack, body, action }) => {
    await ack();
    const view = body.view;
    const meta = decodeMeta(view?.private_metadata);
    if (!view || !meta) return;
    const form = readForm(view.state.values);
    const fresh = action.action_id === `${ACTION_PREFIX}refresh`;
    try {
      await showForm(ctx, { viewId: view.id, hash: view.hash, form, meta, fresh });
    } catch (err) {
      ctx.logger.error({ err, campaign: meta.id }, 'campaign form update failed');
    }
  });

  app.options(actionId('f_repos'), async ({ ack, body }) => {
    try {
      const repos = await searchRepos(ctx, body.value ?? '');
      await ack({
        options: repos.map((r) => ({
          text: { type: 'plain_text', text: r.fullName.slice(0, 75) },
          value: String(r.id),
        })),
      });
    } catch (err) {
      ctx.logger.warn({ err }, 'repository search failed');
      await ack({ options: [] });
    }
  });

  app.view(FORM_CALLBACK, async ({ ack, body, view }) => {
    const meta = decodeMeta(view.private_metadata);
    const userId = body.user.id;
    if (!meta) {
      await ack({
        response_action: 'update',
        view: messageModal('New campaign', 'This form expired; run `/campaign new` again.'),
      });
      return;
    }
    const form = readForm(view.state.values);
    const checked = await checkSubmission(ctx, userId, form, meta);
    if (!checked.ok) {
      ctx.logger.info(
        { campaign: meta.id, fields: Object.keys(checked.errors) },
        'campaign form refused',
      );
      await ack({ response_action: 'errors', errors: checked.errors });
      return;
    }
    if (form.mode === 'draft') {
      const existing = await ctx.repos.campaigns.get(meta.id);
      if (existing && existing.state !== 'draft') {
        await ack({
          response_action: 'update',
          view: messageModal('Campaign', 'This campaign is already published.'),
        });
        return;
      }
      await saveDraft(
        ctx,
        recordFromForm(ctx, { id: meta.id, form, managers: checked.managers, userId, existing }),
      );
      const text =
        ':memo: *Draft saved.* Find it with `/campaign list drafts`; open it again with ' +
        '`/campaign edit` and its name to publish it.';
      await ack({ response_action: 'update', view: messageModal('Draft saved', text) });
      return;
    }
    const publishing = messageModal(
      'Publishing',
      ':hourglass_flowing_sand: Publishing the campaign on GitHub…',
    );
    // A double click sends the same submission twice: the second one only sees the first's work.
    if (!(await claimOnce(ctx.kv, `campaign-submit:${meta.id}`, SUBMIT_CLAIM_MS))) {
      ctx.logger.info({ campaign: meta.id }, 'duplicate campaign submission ignored');
      await ack({ response_action: 'update', view: publishing });
      return;
    }
    await ack({ response_action: 'update', view: publishing });
    await publishFromModal(ctx, { viewId: view.id, meta, form, userId, checked });
  });
}
