// The Home tab is rebuilt each time someone opens it.
import type { App } from '@slack/bolt';
import type { AppContext } from '../../app-context.ts';
import { publishHome } from './publish-home.ts';

export function registerHome(app: App, ctx: AppContext): void {
  app.event('app_home_opened', async ({ event }) => {
    if (event.tab && event.tab !== 'home') return;
    const log = ctx.logger.child({ slackUser: event.user, event: 'app_home_opened' });
    try {
      await publishHome({ ...ctx, logger: log }, event.user);
    } catch (err) {
      log.error({ err }, 'home tab not published');
    }
  });
}
