// Campaign channel names follow Slack's rules for conversations.create: lowercase letters,
// digits, `-` and `_`, at most 80 characters, not only punctuation.
// https://docs.slack.dev/reference/methods/conversations.create

export const MAX_CHANNEL_NAME = 80;

/** Lowercase, accents dropped, every run of other characters turned into one `-`. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9_]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '');
}

function fit(prefix: string, slug: string, room: number): string {
  const cut = slug.slice(0, Math.max(0, room - prefix.length)).replace(/[-_]+$/, '');
  const name = `${prefix}${cut}`.replace(/[-_]+$/, '');
  return /[a-z0-9]/.test(name) ? name : 'campaign';
}

/** The channel name for a campaign: the prefix, then the slugged name, within 80 chars. */
export function campaignChannelName(prefix: string, name: string): string {
  return fit(prefix, slugify(name) || 'campaign', MAX_CHANNEL_NAME);
}

/**
 * The name to try after `name_taken`: the same name cut to leave room for `-<n>`, so a
 * clash with a live or archived channel (archived names stay reserved) gets a new name.
 */
export function channelNameWithSuffix(base: string, attempt: number): string {
  const suffix = `-${attempt}`;
  return `${base.slice(0, MAX_CHANNEL_NAME - suffix.length).replace(/[-_]+$/, '')}${suffix}`;
}
