// `/campaign whoami`: which GitHub account Burndown thinks I am, and what that allows.
import { describeLink } from '../../identity/describe-link.ts';
import { linkYourselfHint } from '../../identity/link-hint.ts';
import { pendingSignIns } from '../../identity/pending-sign-in.ts';
import { escapeMrkdwn } from '../mrkdwn.ts';
import type { Subcommand } from './subcommand.ts';

export const whoamiSubcommand: Subcommand = {
  name: 'whoami',
  usage: 'whoami',
  summary: 'the GitHub account Burndown links to you, and how',
  async run({ ctx, command }) {
    const link = await ctx.repos.identities.bySlackUser(command.user_id);
    const pending = await pendingSignIns(ctx)?.get(command.user_id);
    const waiting = pending
      ? `\nA sign-in is waiting for the code \`${escapeMrkdwn(pending.userCode)}\` at ` +
        `${escapeMrkdwn(pending.verificationUri)}.`
      : '';
    if (!link) {
      const hint = linkYourselfHint(ctx, command.user_id);
      return `Burndown does not know your GitHub account. ${hint}${waiting}`;
    }
    return `${describeLink(ctx, link, true)}${waiting}`;
  },
};
