// `/campaign <subcommand> …`: acknowledge at once (Slack waits 3 seconds), then run the
// subcommand and answer privately. Unknown words and typos get usage, never silence.
import type { App } from '@slack/bolt';
import type { AppContext } from '../../app-context.ts';
import { asBotError, BotError, type ErrorCode } from '../../errors.ts';
import type { SlackMessage } from '../messages/assignment-dm.ts';
import { safeText } from '../mrkdwn.ts';
import { usageMessage } from './help.ts';
import { closest, firstWord, splitArgs } from './parse-args.ts';
import type { Subcommand } from './subcommand.ts';

const EXPECTED_REFUSALS = new Set<ErrorCode>([
  'identity_not_linked',
  'github_forbidden',
  'github_not_found',
  'github_validation_failed',
  'campaign_invalid',
  'campaign_not_found',
]);

export function findSubcommand(all: Subcommand[], word: string): Subcommand | undefined {
  const w = word.toLowerCase();
  return all.find((s) => s.name === w || s.aliases?.includes(w));
}

export function registerCampaignCommand(app: App, ctx: AppContext, all: () => Subcommand[]) {
  app.command('/campaign', async ({ command, ack, respond, client }) => {
    await ack();
    const log = ctx.logger.child({ command: '/campaign', slackUser: command.user_id });
    const text = command.text.trim();
    const [word = 'help', ...args] = splitArgs(text);
    // From where the first word ends, not where its letters first appear: `"show" show`.
    const { rest } = firstWord(text);
    const list = all();
    const sub = findSubcommand(list, word);

    const answer = async (message: SlackMessage | string) => {
      const body = typeof message === 'string' ? { text: message } : message;
      await respond({ response_type: 'ephemeral', replace_original: false, ...body });
    };

    if (!sub) {
      const names = list.flatMap((s) => [s.name, ...(s.aliases ?? [])]);
      const guess = closest(word.toLowerCase(), names);
      const hint = guess ? ` Did you mean \`${guess}\`?` : '';
      const intro = `I don't know \`${safeText(word, 40)}\`.${hint}`;
      log.info({ word, guess }, 'unknown subcommand; usage shown');
      await answer(usageMessage(list, intro));
      return;
    }
    try {
      const result = await sub.run({
        ctx: { ...ctx, logger: log },
        command,
        args,
        rest,
        respond,
        client,
      });
      if (result !== undefined) await answer(result);
    } catch (err) {
      const e = asBotError(err);
      // A person refused by GitHub or asked to sign in is the system working as meant; only
      // failures of ours, or of GitHub and Slack themselves, are errors worth an alert.
      const expected = EXPECTED_REFUSALS.has(e.code);
      log[expected ? 'info' : 'error'](
        { err: e, code: e.code, subcommand: sub.name },
        expected ? 'subcommand refused' : 'subcommand failed',
      );
      const message =
        err instanceof BotError
          ? e.message
          : `Something went wrong running \`${sub.name}\` (error code ${e.code}). Try again; ` +
            'if it keeps failing, tell whoever runs Burndown.';
      await answer(`:warning: ${message}`).catch((replyErr) =>
        log.error({ err: replyErr }, 'could not tell the user about the failure'),
      );
    }
  });
}
