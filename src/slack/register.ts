// Every Slack listener the app has: commands, actions, views, options and events. Each
// capability registers its own here.
import type { App } from '@slack/bolt';
import { registerAlertActions } from '../actions/register-actions.ts';
import type { AppContext } from '../app-context.ts';
import { allSubcommands } from './commands/all-subcommands.ts';
import { registerCampaignCommand } from './commands/router.ts';
import { registerHome } from './home/register-home.ts';
import { registerCampaignModal } from './views/campaign-modal-listeners.ts';
import { registerEditModal } from './views/edit-modal.ts';

export function registerSlackHandlers(app: App, ctx: AppContext): void {
  const subcommands = allSubcommands();
  registerCampaignCommand(app, ctx, () => subcommands);
  registerAlertActions(app, ctx);
  registerCampaignModal(app, ctx);
  registerEditModal(app, ctx);
  registerHome(app, ctx);
  // Link buttons on the campaign card open URLs; the click still needs an ack.
  app.action(/^campaign_card_link:/, async ({ ack }) => {
    await ack();
  });
  // "Open on GitHub" buttons are links; Slack still sends the click, which needs an ack.
  app.action(/^(open_alert:|alert:open(:[\w-]+)?$)/, async ({ ack }) => {
    await ack();
  });
}
