// Identity in the tour: a developer signs in with GitHub (device flow) so Burndown can act
// as them, and checks the link.
import { waitFor } from '../../helpers/harness.ts';
import type { TourStep } from '../tour-kit.ts';

export const developerSignsIn: TourStep = {
  title: 'A developer links their GitHub account by signing in',
  async run(t) {
    const alex = t.person('alex-dev');
    // The demo does not wait GitHub's real 5-second poll interval: each wait moves the
    // GitHub double's clock instead.
    t.h.bot.ctx.sleep = async (ms) => {
      t.h.github.advanceTime(ms);
      await new Promise((r) => setTimeout(r, 5));
    };
    await t.command(alex.slack, 'whoami');
    await t.command(alex.slack, 'link');
    t.showDms(alex.slack);
    const code = t.h.github.deviceFlow.issued.at(-1);
    if (!code) throw new Error('no device code was issued');
    t.say(`${alex.name} opens GitHub, enters ${code.userCode} and approves Burndown.`);
    t.h.github.deviceFlow.approve(code.userCode, alex.login);
    await waitFor(
      async () =>
        (await t.h.bot.ctx.repos.identities.bySlackUser(alex.slack))?.source === 'signed-in',
      5000,
      'the sign-in to finish',
    );
    t.showDms(alex.slack);
    await t.command(alex.slack, 'whoami');
  },
};

export const developerSignsOut: TourStep = {
  title: 'A developer signs out: Burndown forgets the token and GitHub forgets Burndown',
  async run(t) {
    const alex = t.person('alex-dev');
    // Tokens GitHub issued to Burndown's App for Alex (not Alex's own other credentials).
    const app = t.h.github.state.app.clientId;
    const held = () =>
      Object.values(t.h.github.state.tokens).filter(
        (r) => r.login === alex.login && r.clientId === app,
      ).length;
    t.say(`GitHub holds ${held()} token(s) it issued to Burndown for ${alex.name}.`);
    await t.command(alex.slack, 'unlink');
    const asked = t.h.github.requests.filter((r) => r.operationId === 'apps/delete-authorization');
    t.say(
      `Burndown asked GitHub to delete its authorization (${asked.length} request, answered ` +
        `${asked.at(-1)?.status ?? 'nothing'}); GitHub now holds ${held()} token(s) for ` +
        `${alex.name}.`,
    );
    if (held() !== 0) throw new Error('the grant was not withdrawn on GitHub');
  },
};
