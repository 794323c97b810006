// `/campaign edit <name or number>`: a draft opens in the full campaign form (to change it
// or publish it); a published campaign opens the edit form.
import { findCampaign } from '../../campaigns/find-campaign.ts';
import { actAs } from '../../identity/authorize.ts';
import { formFromDraft } from '../views/campaign-form.ts';
import { editForm, editModal } from '../views/edit-modal.ts';
import { openCampaignForm } from './new.ts';
import type { Subcommand } from './subcommand.ts';

export const editSubcommand: Subcommand = {
  name: 'edit',
  usage: 'edit <name or number>',
  summary: 'change name, description, due date, managers or contact link; publish a draft',
  async run({ ctx, rest, command }) {
    const acting = await actAs(ctx, command.user_id);
    if (!acting.ok) return acting.message;
    const found = await findCampaign(ctx, rest, editSubcommand.usage);
    if (!found.ok) return found.message;
    const c = found.campaign;
    const form = await editForm(ctx, c);
    if (c.state === 'draft') {
      const draft = formFromDraft(c, form.poc, form.managers);
      await openCampaignForm(ctx, command.trigger_id, draft, {
        id: c.id,
        channel: command.channel_id,
      });
      return undefined;
    }
    await ctx.slack.views.open({ trigger_id: command.trigger_id, view: editModal(c, form) });
    return undefined;
  },
};
