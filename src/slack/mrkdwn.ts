// Text from GitHub goes into Slack mrkdwn. In mrkdwn `&`, `<` and `>` are control
// characters: `<!channel>` pings a whole channel and `<@U1>` a person. Escaping exactly
// those three makes any GitHub string inert, and nothing else needs escaping.

export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Cuts to at most `max` characters (UTF-16 units, as Slack counts), ending with an ellipsis
 * when cut, and never between the two halves of an emoji: a lone half is not text.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/**
 * Escapes GitHub text and fits it in `max` characters of mrkdwn. Cutting happens before
 * escaping so an entity such as `&amp;` is never split; the escaped text may grow, so the
 * budget accounts for it.
 */
export function safeText(text: string, max: number): string {
  let cut = truncate(text, max);
  while (escapeMrkdwn(cut).length > max && cut.length > 1) cut = truncate(cut, cut.length - 8);
  return escapeMrkdwn(cut);
}

/** A link whose label is GitHub text: the label is escaped, `|` and `>` cannot break out. */
export function link(url: string, label: string, max = 200): string {
  const safeUrl = url.replace(/[<>|\s]/g, encodeURIComponent);
  return `<${safeUrl}|${safeText(label.replace(/\|/g, '¦'), max)}>`;
}

/** Plain-text fields (header blocks, modal titles, topics) are not parsed, only cut. */
export function plain(text: string, max: number): string {
  return truncate(text.replace(/\s+/g, ' ').trim(), max);
}

/**
 * GitHub text for the fields Slack shows as typed (channel topic and purpose): `&` stays as
 * written, since an entity would show literally, and `<` `>` become look-alike angle quotes,
 * so that even a client that did parse `<!channel>` there would find nothing to ping.
 */
export function inertPlain(text: string): string {
  return text.replace(/</g, '‹').replace(/>/g, '›');
}

/**
 * Modal field errors are plain text: a message built for mrkdwn (GitHub's words escaped) is
 * turned back, so a person reads `R&D`, not `R&amp;D`. Plain text cannot mention anyone.
 */
export function plainErrors(errors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(errors).map(([block, text]) => [
      block,
      text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'),
    ]),
  );
}
