// Listeners of the campaign modal: changes that reshape the form (kind, template, filters),
// the repository search, and the submission.

import type { App, BlockAction } from '@slack/bolt';
import type { AppContext } from '../../app-context.ts';
import { recordFromForm, saveDraft } from '../../campaigns/drafts.ts';
import { searchRepos } from '../../campaigns/org-repos.ts';
import {
  type Checked,
  checkSubmission,
  publishFromModal,
} from '../../campaigns/submit-campaign.ts';
import type { FieldErrors } from '../../campaigns/validate-form.ts';
import { BotError } from '../../errors.ts';
import { explainGitHubError } from '../../github/explain-error.ts';
import { claimOnce } from '../../store/lock.ts';
import { plainErrors } from '../mrkdwn.ts';
import { ACTION_PREFIX, actionId, decodeMeta, FORM_CALLBACK, readForm } from './campaign-form.ts';
import { messageModal } from './campaign-modal.ts';
import { draftRefusal } from './draft-access.ts';
import { showForm } from './show-form.ts';

const SUBMIT_CLAIM_MS = 10 * 60_000;

/**
 * Slack drops a view submission not answered within 3 seconds. The checks that ask GitHub
 * (the matching alerts when the preview is stale, the count of open campaigns) get this
 * long to answer inline; past it the modal is answered first and the checks finish after.
 */
export const ACK_BUDGET_MS = 2000;

type View = ReturnType<typeof messageModal>;

/** The work's result if it settles within `ms`, else undefined (it carries on regardless). */
async function within<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Field errors, once the modal can no longer show them beside their fields. */
function errorBanner(errors: FieldErrors): string {
  const lines = Object.values(errors).map((e) => `• ${e}`);
  return `:warning: Nothing was created. Please fix:\n${lines.join('\n')}`;
}

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
    // The draft's id travels in the view; whoever submits it must be allowed to change it.
    const saved = await ctx.repos.campaigns.get(meta.id);
    const refusal = saved?.state === 'draft' ? await draftRefusal(ctx, userId, saved) : null;
    if (refusal) {
      await ack({ response_action: 'update', view: messageModal('Campaign', refusal) });
      return;
    }
    const form = readForm(view.state.values);
    // A check that fails (GitHub down, not merely slow) is a reason to fix or retry, shown
    // like any other, never a modal left hanging.
    const checking = checkSubmission(ctx, userId, form, meta).catch((err): Checked => {
      const why = explainGitHubError(err, 'check the campaign with GitHub');
      ctx.logger.warn({ err, campaign: meta.id, code: why.code }, 'campaign checks failed');
      // GitHub's refusals are explained; a failure of ours is named by its code only.
      const told =
        err instanceof BotError || typeof (err as { status?: unknown })?.status === 'number'
          ? why.message
          : `Burndown could not finish checking this campaign (error code ${why.code}). ` +
            'Try again; nothing was created.';
      return { ok: false, errors: { mode: told } };
    });
    const onTime = await within(checking, ACK_BUDGET_MS);
    if (onTime && !onTime.ok) {
      ctx.logger.info(
        { campaign: meta.id, fields: Object.keys(onTime.errors) },
        'campaign form refused',
      );
      await ack({ response_action: 'errors', errors: plainErrors(onTime.errors) });
      return;
    }
    let show = async (next: View) => {
      await ack({ response_action: 'update', view: next });
    };
    let checked: Checked | undefined = onTime;
    if (!checked) {
      // GitHub is slow to answer the checks: Slack gets its answer now, and the outcome
      // (the form again with what to fix, or the result) replaces this view when it is known.
      ctx.logger.info({ campaign: meta.id }, 'campaign checks slow; answered before them');
      await show(messageModal('Checking', ':hourglass_flowing_sand: Checking with GitHub…'));
      show = async (next: View) => {
        await ctx.slack.views
          .update({ view_id: view.id, view: next })
          .catch((err) => ctx.logger.debug({ err }, 'modal not updated'));
      };
      const late = await checking;
      if (!late.ok) {
        ctx.logger.info(
          { campaign: meta.id, fields: Object.keys(late.errors) },
          'campaign form refused',
        );
        await showForm(ctx, { viewId: view.id, form, meta, banner: errorBanner(late.errors) });
        return;
      }
      checked = late;
    }
    if (!checked.ok) return;
    if (form.mode === 'draft') {
      const existing = await ctx.repos.campaigns.get(meta.id);
      if (existing && existing.state !== 'draft') {
        await show(messageModal('Campaign', 'This campaign is already published.'));
        return;
      }
      await saveDraft(
        ctx,
        recordFromForm(ctx, { id: meta.id, form, managers: checked.managers, userId, existing }),
      );
      const text =
        ':memo: *Draft saved.* Find it with `/campaign list drafts`; open it again with ' +
        '`/campaign edit` and its name to publish it.';
      await show(messageModal('Draft saved', text));
      return;
    }
    const publishing = messageModal(
      'Publishing',
      ':hourglass_flowing_sand: Publishing the campaign on GitHub…',
    );
    // A double click sends the same submission twice: the second one only sees the first's work.
    if (!(await claimOnce(ctx.kv, `campaign-submit:${meta.id}`, SUBMIT_CLAIM_MS))) {
      ctx.logger.info({ campaign: meta.id }, 'duplicate campaign submission ignored');
      // Slack still needs its answer; a late duplicate leaves the view to the first one.
      if (onTime) await show(publishing);
      return;
    }
    await show(publishing);
    await publishFromModal(ctx, { viewId: view.id, meta, form, userId, checked });
  });
}
