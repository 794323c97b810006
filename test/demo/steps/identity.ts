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
