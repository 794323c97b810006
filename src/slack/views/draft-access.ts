// Who may change or publish a draft. A draft lives in Burndown only, so GitHub never gets to
// say no: the person who saved it and Burndown's admins may, nobody else.
import type { AppContext } from '../../app-context.ts';
import type { CampaignRecord } from '../../domain/campaign.ts';
import { isAdmin } from '../../identity/authorize.ts';
import { adminMentions } from '../../identity/link-hint.ts';
import { safeText } from '../mrkdwn.ts';

/** Null when this person may change the draft; otherwise the private answer saying who may. */
export async function draftRefusal(
  ctx: AppContext,
  userId: string,
  draft: CampaignRecord,
): Promise<string | null> {
  if (draft.createdBy === userId) return null;
  if (await isAdmin(ctx, userId)) return null;
  ctx.logger.info(
    { slackUser: userId, campaign: draft.id },
    'draft edit refused; not its creator or an admin',
  );
  const owner = draft.createdBy ? `<@${draft.createdBy}>, who saved it, or ` : '';
  return (
    `“${safeText(draft.name, 80)}” is a draft: only ${owner}${adminMentions(ctx)} can change ` +
    'or publish it. Start your own campaign with `/campaign new`.'
  );
}
