// `/campaign notify on|digest|off` and `/campaign notify quiet 19:00-08:00|off`: how a person
// hears about their alerts. Quiet hours are read in their Slack time zone; nothing sent during
// them is lost, it waits for their end.
import { DIGEST_HOUR } from '../../notify/delivery-time.ts';
import {
  getPrefs,
  type NotifyMode,
  type NotifyPrefs,
  parseQuietHours,
  setPrefs,
  userTimeZone,
} from '../../notify/preferences.ts';
import { safeText } from '../mrkdwn.ts';
import type { CommandInput, Subcommand } from './subcommand.ts';

const USAGE =
  'Use `/campaign notify on`, `/campaign notify digest`, `/campaign notify off`, ' +
  '`/campaign notify quiet 19:00-08:00` or `/campaign notify quiet off`.';

const MODE_WORDS: Record<NotifyMode, string> = {
  on: 'in real time',
  digest: `once a day, around ${String(DIGEST_HOUR).padStart(2, '0')}:00 your time`,
  off: 'not at all (you can still look with `/campaign list`)',
};

function describe(prefs: NotifyPrefs, tz: string): string {
  const quiet = prefs.quiet
    ? `Quiet hours: ${prefs.quiet.from}-${prefs.quiet.to} (${tz}); messages wait until they end.`
    : 'No quiet hours.';
  return `You get alert notifications ${MODE_WORDS[prefs.mode]}. ${quiet}`;
}

async function run({ ctx, command, args }: CommandInput): Promise<string> {
  const user = command.user_id;
  const prefs = await getPrefs(ctx.kv, user);
  const [word = '', value = ''] = args.map((a) => a.toLowerCase());
  if (word === '' || word === 'status') {
    return describe(prefs, await userTimeZone(ctx, user));
  }
  if (word === 'on' || word === 'digest' || word === 'off') {
    const next = { ...prefs, mode: word as NotifyMode };
    await setPrefs(ctx.kv, user, next);
    ctx.logger.info({ slackUser: user, mode: word }, 'notification preference changed');
    return `:white_check_mark: ${describe(next, await userTimeZone(ctx, user))}`;
  }
  if (word === 'quiet') {
    if (value === 'off' || value === 'none') {
      const { quiet: _dropped, ...rest } = prefs;
      await setPrefs(ctx.kv, user, rest);
      return `:white_check_mark: ${describe(rest, await userTimeZone(ctx, user))}`;
    }
    const quiet = parseQuietHours(args.slice(1).join(''));
    if (!quiet) {
      return (
        `“${safeText(args.slice(1).join(' ') || '(nothing)', 40)}” is not a time range. ` +
        'Write it as `/campaign notify quiet 19:00-08:00` (24-hour clock, your time zone).'
      );
    }
    const next = { ...prefs, quiet };
    await setPrefs(ctx.kv, user, next);
    return `:white_check_mark: ${describe(next, await userTimeZone(ctx, user))}`;
  }
  return `I don't know \`${safeText(word, 30)}\` here. ${USAGE}`;
}

export const notifySubcommand: Subcommand = {
  name: 'notify',
  aliases: ['notifications'],
  usage: 'notify [on|digest|off] | notify quiet 19:00-08:00|off',
  summary: 'how you hear about your alerts: real time, a daily digest, or not; quiet hours',
  run,
};
