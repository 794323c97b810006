// Reads people and user groups out of slash-command text. With "escape channels, users and
// links" on, Slack sends `<@U123|name>` and `<!subteam^S123|@handle>`; without it, people
// type ids or handles. Both forms are accepted.

/** A Slack user id from `<@U123>`, `<@U123|name>` or a bare `U123`; null otherwise. */
export function parseSlackUser(arg: string | undefined): string | null {
  const m = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(arg?.trim() ?? '');
  if (m?.[1]) return m[1];
  return /^[UW][A-Z0-9]{2,}$/.test(arg?.trim() ?? '') ? (arg?.trim() ?? null) : null;
}

export type UsergroupRef = { id: string } | { handle: string };

/** A user group by id (`<!subteam^S1|@h>`, `S1`) or by handle (`@security`, `security`). */
export function parseUsergroup(arg: string | undefined): UsergroupRef | null {
  const text = arg?.trim() ?? '';
  const escaped = /^<!subteam\^(S[A-Z0-9]+)(?:\|[^>]*)?>$/.exec(text);
  if (escaped?.[1]) return { id: escaped[1] };
  if (/^S[A-Z0-9]{2,}$/.test(text)) return { id: text };
  const handle = /^@?([a-z0-9._-]{1,80})$/i.exec(text);
  return handle?.[1] ? { handle: handle[1].toLowerCase() } : null;
}

const LOGIN = /^@?([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))$/;

/** A GitHub login, tolerating a leading `@`; null when it cannot be one. */
export function parseGitHubLogin(arg: string | undefined): string | null {
  return LOGIN.exec(arg?.trim() ?? '')?.[1] ?? null;
}
