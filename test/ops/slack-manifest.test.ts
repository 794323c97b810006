import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { REPO_ROOT, recordSlackListeners, slackMethodsCalled } from './app-surface.ts';
import { type SlackManifest, slackManifestProblems } from './slack-manifest-check.ts';

const SCHEMA = join(REPO_ROOT, '..', 'shared', 'reference', 'slack-manifest.schema.json');
const load = (): SlackManifest =>
  parse(readFileSync(join(REPO_ROOT, 'slack-manifest.yml'), 'utf8'));
const code = () => ({ listeners: recordSlackListeners(), methods: slackMethodsCalled() });

const t = suite('slack-manifest.yml');

t('the manifest passes Slack official manifest schema', () => {
  if (!existsSync(SCHEMA)) {
    console.log(`  skipped: Slack's manifest schema is not at ${SCHEMA}`);
    return;
  }
  const ajv = new Ajv({ strict: false, allErrors: true });
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')));
  const valid = validate(load());
  assert.ok(valid, JSON.stringify(validate.errors, null, 2));
  // The schema is strict enough to catch a broken manifest, so passing it means something.
  const broken = { ...load(), display_information: { name: 'B'.repeat(36) } };
  assert.not.ok(validate(broken));
});

t('the manifest declares exactly the command, interactivity and events the code uses', () => {
  const surface = code();
  assert.ok(surface.listeners.command.includes('/campaign'));
  assert.equal(slackManifestProblems(load(), surface), []);
});

t('a command registered in code but missing from the manifest fails the check', () => {
  const manifest = load();
  manifest.features!.slash_commands = [];
  assert.ok(
    slackManifestProblems(manifest, code()).includes(
      'command /campaign is registered in code but missing from the manifest',
    ),
  );
  const surface = code();
  surface.listeners.command.push('/burndown-extra');
  assert.ok(
    slackManifestProblems(load(), surface).includes(
      'command /burndown-extra is registered in code but missing from the manifest',
    ),
  );
});

t('listeners for events, options and modals need their manifest settings', () => {
  const surface = code();
  surface.listeners.event.push('member_joined_channel');
  surface.listeners.options.push('campaign:repo');
  surface.listeners.view.push('campaign:new');
  const manifest = load();
  delete manifest.settings!.interactivity;
  const problems = slackManifestProblems(manifest, surface);
  assert.ok(problems.includes('event member_joined_channel is handled but not in bot_events'));
  assert.ok(
    problems.includes('the code answers options requests but message_menu_options_url is missing'),
  );
  assert.ok(problems.some((p) => p.startsWith('interactivity is off but the code handles')));
});

t('settings nothing in the code uses are flagged too', () => {
  const surface = code();
  surface.listeners.options = [];
  surface.listeners.event = [];
  const problems = slackManifestProblems(load(), surface);
  assert.ok(
    problems.includes('message_menu_options_url is declared but nothing answers options requests'),
  );
  assert.ok(problems.includes('bot event app_home_opened is declared but not handled'));
});

t('every Slack API method the code calls has its scope in the manifest', () => {
  const methods = slackMethodsCalled();
  assert.ok(methods.includes('chat.postMessage'), methods.join());
  const manifest = load();
  manifest.oauth_config!.scopes!.bot = manifest.oauth_config!.scopes!.bot!.filter(
    (s) => s !== 'chat:write',
  );
  const problems = slackManifestProblems(manifest, { ...code(), methods: ['chat.postMessage'] });
  assert.ok(problems.includes('bot scope chat:write is missing (needed by chat.postMessage)'));
  const unknown = slackManifestProblems(load(), { ...code(), methods: ['admin.users.remove'] });
  assert.ok(
    unknown.includes('the code calls admin.users.remove: add its scopes to SLACK_METHOD_SCOPES'),
  );
});

t('HTTP mode needs https URLs on the receiver path', () => {
  const manifest = load();
  manifest.settings!.interactivity!.request_url = 'http://burndown.example.com/slack/actions';
  const problems = slackManifestProblems(manifest, code());
  assert.ok(problems.some((p) => p.startsWith('interactivity must be an https URL')));
  assert.ok(problems.some((p) => p.startsWith('interactivity must end in /slack/events')));
  manifest.settings!.socket_mode_enabled = true;
  assert.not.ok(slackManifestProblems(manifest, code()).some((p) => p.includes('https')));
});

t.run();
