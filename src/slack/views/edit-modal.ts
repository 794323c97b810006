// Editing a published campaign: name, description, due date, managers and contact link.
// GitHub is changed with the editor's own token; the topic and the card follow.
import type { App } from '@slack/bolt';
import type { KnownBlock, ModalView } from '@slack/types';
import type { AppContext } from '../../app-context.ts';
import { dayIn, endOfDay } from '../../campaigns/due-date.ts';
import { updateCampaign } from '../../campaigns/steering.ts';
import { checkFields, resolveManagers } from '../../campaigns/validate-form.ts';
import type { CampaignRecord } from '../../domain/campaign.ts';
import { actAs } from '../../identity/authorize.ts';
import { plain, plainErrors } from '../mrkdwn.ts';
import { actionId, type CampaignForm, emptyForm, readForm } from './campaign-form.ts';
import { messageModal } from './campaign-modal.ts';

export const EDIT_CALLBACK = 'campaign_edit';

type Block = 'name' | 'description' | 'due' | 'poc' | 'managers' | 'contact';
const label = (text: string) => ({ type: 'plain_text' as const, text });

function field(block: Block, title: string, element: Record<string, unknown>, optional = false) {
  return {
    type: 'input',
    block_id: block,
    label: label(title),
    optional,
    element: { ...element, action_id: actionId(block) },
  } as KnownBlock;
}

export function editModal(c: CampaignRecord, f: CampaignForm): ModalView {
  const text = (v: string, extra: Record<string, unknown> = {}) => ({
    type: 'plain_text_input',
    ...(v ? { initial_value: v } : {}),
    ...extra,
  });
  return {
    type: 'modal',
    callback_id: EDIT_CALLBACK,
    private_metadata: JSON.stringify({ id: c.id }),
    title: label(plain(`Edit #${c.number}`, 24)),
    submit: label('Save'),
    close: label('Cancel'),
    blocks: [
      field('name', 'Name', text(f.name, { max_length: 50 })),
      field(
        'description',
        'Short description',
        text(f.description, { multiline: true, max_length: 255 }),
      ),
      field('due', 'Due date', { type: 'datepicker', ...(f.due ? { initial_date: f.due } : {}) }),
      field('poc', 'Point of contact', {
        type: 'users_select',
        ...(f.poc ? { initial_user: f.poc } : {}),
      }),
      field(
        'managers',
        'Other managers',
        { type: 'multi_users_select', ...(f.managers.length ? { initial_users: f.managers } : {}) },
        true,
      ),
      field(
        'contact',
        'Contact link',
        { type: 'url_text_input', ...(f.contactLink ? { initial_value: f.contactLink } : {}) },
        true,
      ),
    ],
  };
}

/** The form as it stands: Slack users for the managers Burndown can map. */
export async function editForm(ctx: AppContext, c: CampaignRecord): Promise<CampaignForm> {
  const ids: string[] = [];
  for (const login of c.managers) {
    const link = await ctx.repos.identities.byGitHubLogin(login);
    if (link) ids.push(link.slackUserId);
  }
  return {
    ...emptyForm(c.kind),
    name: c.name,
    description: c.description,
    due: dayIn(ctx.config.TZ, new Date(c.endsAt)),
    poc: ids[0] ?? '',
    managers: ids.slice(1),
    contactLink: c.contactLink ?? '',
  };
}

export function registerEditModal(app: App, ctx: AppContext): void {
  app.view(EDIT_CALLBACK, async ({ ack, body, view }) => {
    const id = (JSON.parse(view.private_metadata || '{}') as { id?: string }).id ?? '';
    const c = await ctx.repos.campaigns.get(id);
    if (!c) {
      await ack({
        response_action: 'update',
        view: messageModal('Edit', 'This campaign is gone.'),
      });
      return;
    }
    const form = readForm(view.state.values, await editForm(ctx, c));
    const errors = checkFields(ctx, form);
    const managers = await resolveManagers(ctx, form);
    Object.assign(errors, managers.errors);
    const acting = await actAs(ctx, body.user.id);
    if (!acting.ok) errors.name = acting.message;
    if (Object.keys(errors).length || !acting.ok) {
      await ack({ response_action: 'errors', errors: plainErrors(errors) });
      return;
    }
    await ack({
      response_action: 'update',
      view: messageModal('Edit', ':hourglass_flowing_sand: Saving on GitHub…'),
    });
    let text: string;
    try {
      const patch = {
        name: form.name,
        description: form.description,
        ends_at: endOfDay(form.due, ctx.config.TZ),
        managers: managers.logins,
        ...(form.contactLink ? { contact_link: form.contactLink } : {}),
      };
      await updateCampaign(ctx, acting.github, c, patch, 'save the campaign on GitHub');
      text = ':white_check_mark: Saved on GitHub. The channel topic and the card are up to date.';
    } catch (err) {
      ctx.logger.warn({ err, campaign: c.id }, 'campaign edit refused');
      text = `:warning: ${(err as Error).message}`;
    }
    await ctx.slack.views
      .update({ view_id: view.id, view: messageModal('Edit', text) })
      .catch((err) => ctx.logger.debug({ err }, 'modal not updated'));
  });
}
