// Every listener for acting on alerts from Slack, registered in one call.
import type { App } from '@slack/bolt';
import type { AppContext } from '../app-context.ts';
import { registerAlertButtons } from './register-alert-buttons.ts';
import { registerAlertViews } from './register-alert-views.ts';
import { registerReviewAndAutofix } from './register-review-and-autofix.ts';

export function registerAlertActions(app: App, ctx: AppContext): void {
  registerAlertButtons(app, ctx);
  registerAlertViews(app, ctx);
  registerReviewAndAutofix(app, ctx);
}
