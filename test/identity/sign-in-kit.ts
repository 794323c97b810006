// Shared steps for identity tests: fast polling against the GitHub double's clock, and a
// whole device-flow sign-in as a person would do it.
import { type Harness, waitFor } from '../helpers/harness.ts';

/**
 * Replaces the bot's sleep: each wait moves the GitHub double's clock by the time asked
 * (so its interval checks see exactly what Burndown waited) and yields for a moment.
 * Returns the waits Burndown asked for, in ms.
 */
export function fastPolling(h: Harness): number[] {
  const waits: number[] = [];
  h.bot.ctx.sleep = async (ms) => {
    waits.push(ms);
    h.github.advanceTime(ms);
    await new Promise((r) => setTimeout(r, 3));
  };
  return waits;
}

/** The newest device code GitHub issued. */
export function lastCode(h: Harness) {
  const code = h.github.deviceFlow.issued.at(-1);
  if (!code) throw new Error('no device code issued');
  return code;
}

/** Texts of the DMs a person got. */
export function dmTexts(h: Harness, user: string): string[] {
  return h.slack.messagesIn(user).map((m) => m.text);
}

/** Runs `/campaign link` as `user` and approves the code as `login` on the double. */
export async function signIn(h: Harness, user: string, login: string): Promise<void> {
  await h.command('link', { user });
  const code = lastCode(h);
  h.github.deviceFlow.approve(code.userCode, login);
  await waitFor(
    async () => (await h.bot.ctx.repos.identities.bySlackUser(user))?.source === 'signed-in',
    3000,
    `${user} to be signed in`,
  );
}
