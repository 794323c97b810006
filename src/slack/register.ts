// Every Slack listener the app has: commands, actions, views, options and events. Each
// capability registers its own here.
import type { App } from '@slack/bolt';
import type { AppContext } from '../app-context.ts';
import { allSubcommands } from './commands/all-subcommands.ts';
import { registerCampaignCommand } from './commands/router.ts';

export function registerSlackHandlers(app: App, ctx: AppContext): void {
  const subcommands = allSubcommands();
  registerCampaignCommand(app, ctx, () => subcommands);
  // "Open on GitHub" buttons are links; Slack still sends the click, which needs an ack.
  app.action(/^(open_alert:|alert:open$)/, async ({ ack }) => {
    await ack();
  });
}
