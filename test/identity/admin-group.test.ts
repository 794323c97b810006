import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { seedOrg } from '../doubles/github/index.ts';
import { ORG, startHarness } from '../helpers/harness.ts';

test('members of the admin user group may map people; others are refused', async () => {
  // S0SECURITY holds U0ALICE and U0CAROL in the Slack double's workspace.
  const h = await startHarness({ env: { BURNDOWN_ADMIN_GROUP: 'S0SECURITY' } });
  try {
    seedOrg(h.github, { org: ORG, users: ['dev-bob', 'dev-dave'], repos: ['web'] });
    const byCarol = await h.command('map <@U0BOB> dev-bob', { user: 'U0CAROL' });
    assert.not.match(JSON.stringify(byCarol.responses), 'Only Burndown admins');
    assert.is((await h.bot.ctx.repos.identities.bySlackUser('U0BOB'))?.githubLogin, 'dev-bob');

    const byDave = await h.command('map <@U0DAVE> dev-dave', { user: 'U0DAVE' });
    assert.match(JSON.stringify(byDave.responses), 'Only Burndown admins');
    assert.is(await h.bot.ctx.repos.identities.bySlackUser('U0DAVE'), null);
    // The group was read once and cached, not once per command.
    assert.is(h.slack.callsTo('usergroups.users.list').length, 1);
  } finally {
    await h.close();
  }
});

test.run();
