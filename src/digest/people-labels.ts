// GitHub logins as people read them in Slack: a mention for someone Burndown has linked,
// the escaped login otherwise. Looked up once per message, not once per line.
import type { AppContext } from '../app-context.ts';
import { safeText } from '../slack/mrkdwn.ts';
import type { PersonLabel } from './digest-lines.ts';

export async function peopleLabels(
  ctx: AppContext,
  logins: Iterable<string>,
): Promise<PersonLabel> {
  const unique = [...new Set(logins)];
  const links = await Promise.all(unique.map((l) => ctx.repos.identities.byGitHubLogin(l)));
  const labels = new Map<string, string>();
  unique.forEach((login, i) => {
    const linked = links[i];
    labels.set(login, linked ? `<@${linked.slackUserId}>` : safeText(login, 40));
  });
  return (login) => labels.get(login) ?? safeText(login, 40);
}
