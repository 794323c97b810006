// `/campaign edit <name or number>`: a draft opens in the full campaign form (to change it
// or publish it); a published campaign opens the edit form.
import { findCampaign } from '../../campaigns/find-campaign.ts';
import { actAs } from '../../identity/authorize.ts';
import { formFromDraft } from '../views/campaign-form.ts';
import { draftRefusal } from '../views/draft-access.ts';
import { editModal, editView } from '../views/edit-modal.ts';
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
    if (c.state === 'draft') {
      // GitHub has not seen a draft, so nothing there would stop someone else changing it.
      const refusal = await draftRefusal(ctx, command.user_id, c);
      if (refusal) return refusal;
    }
    const shown = await editView(ctx, c);
    if (c.state === 'draft') {
      const draft = formFromDraft(c, shown.form.poc, shown.form.managers);
      await openCampaignForm(ctx, command.trigger_id, draft, {
        id: c.id,
        channel: command.channel_id,
      });
      return undefined;
    }
    await ctx.slack.views.open({ trigger_id: command.trigger_id, view: editModal(c, shown) });
    return undefined;
  },
};
