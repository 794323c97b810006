import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CONFIG_KEYS, loadConfig, webUrlFor } from '../../src/config.ts';
import { BotError } from '../../src/errors.ts';

const minimal = {
  SLACK_BOT_TOKEN: 'xoxb-1-2-abc',
  SLACK_SIGNING_SECRET: 'signing',
  GITHUB_ORG: 'acme',
  GITHUB_TOKEN: 'ghp_token',
  GITHUB_WEBHOOK_SECRET: 'hook',
};

function problems(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    assert.instance(err, BotError);
    assert.is((err as BotError).code, 'config_invalid');
    return (err as BotError).message;
  }
  throw new Error('expected the configuration to be refused');
}

test('a minimal configuration gets the documented defaults', () => {
  const c = loadConfig(minimal);
  assert.is(c.PORT, 3000);
  assert.is(c.GITHUB_API_URL, 'https://api.github.com');
  assert.is(c.GITHUB_WEB_URL, 'https://github.com');
  assert.is(c.SLACK_API_URL, 'https://slack.com/api/');
  assert.is(c.DIGEST_CRON, '0 9 * * 1-5');
  assert.is(c.socketMode, false);
  assert.is(c.REDIS_URL, undefined);
  assert.ok(Object.isFrozen(c));
});

test('every problem is listed at once, by key', () => {
  const text = problems({ PORT: 'eighty', TZ: 'Mars/Olympus', GITHUB_APP_ID: '12' });
  for (const key of [
    'SLACK_BOT_TOKEN',
    'GITHUB_ORG',
    'PORT',
    'TZ',
    'GITHUB_APP_PRIVATE_KEY',
    'GITHUB_APP_INSTALLATION_ID',
    'SLACK_SIGNING_SECRET',
    'GITHUB_WEBHOOK_SECRET',
  ]) {
    assert.match(text, key);
  }
});

test('values never appear in the error, even for a malformed secret', () => {
  const text = problems({
    ...minimal,
    SLACK_BOT_TOKEN: 'hunter2-leak',
    TOKEN_ENCRYPTION_KEY: 'short-secret',
  });
  assert.not.match(text, 'hunter2');
  assert.not.match(text, 'short-secret');
  assert.match(text, 'TOKEN_ENCRYPTION_KEY');
});

test('schedules, App ids and keys of the wrong shape are named at start-up', () => {
  const text = problems({
    ...minimal,
    DIGEST_CRON: 'every day',
    GITHUB_APP_ID: 'abc',
    GITHUB_APP_PRIVATE_KEY: 'notapem',
    GITHUB_APP_INSTALLATION_ID: '9',
  });
  assert.match(text, 'DIGEST_CRON: must be a cron expression');
  assert.match(text, 'GITHUB_APP_ID: must be a number');
  assert.match(text, 'GITHUB_APP_PRIVATE_KEY: must be a PEM private key');
  assert.not.match(text, 'notapem');
});

test('Socket Mode needs no signing secret and no webhook secret', () => {
  const { SLACK_SIGNING_SECRET: _s, GITHUB_WEBHOOK_SECRET: _w, ...rest } = minimal;
  const c = loadConfig({ ...rest, SLACK_APP_TOKEN: 'xapp-1-abc' });
  assert.is(c.socketMode, true);
});

test('empty strings count as unset, as in a copied .env.example', () => {
  const c = loadConfig({ ...minimal, PORT: '', REDIS_URL: '', SLACK_API_URL: ' ' });
  assert.is(c.PORT, 3000);
  assert.is(c.REDIS_URL, undefined);
});

test('the encryption key is decoded from hex or base64 and must be 32 bytes', () => {
  const hex = loadConfig({ ...minimal, TOKEN_ENCRYPTION_KEY: 'ab'.repeat(32) });
  assert.is(hex.TOKEN_ENCRYPTION_KEY?.length, 32);
  const b64 = loadConfig({
    ...minimal,
    TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
  });
  assert.is(b64.TOKEN_ENCRYPTION_KEY?.[0], 7);
});

test('the web URL follows GitHub.com, GHE.com data residency and GHES', () => {
  assert.is(webUrlFor('https://api.github.com'), 'https://github.com');
  assert.is(webUrlFor('https://api.octo.ghe.com'), 'https://octo.ghe.com');
  assert.is(webUrlFor('https://ghes.example.com/api/v3'), 'https://ghes.example.com');
});

test('the operator contract keys keep their names', () => {
  for (const key of [
    'SLACK_BOT_TOKEN',
    'SLACK_SIGNING_SECRET',
    'SLACK_APP_TOKEN',
    'SLACK_API_URL',
    'GITHUB_ORG',
    'GITHUB_TOKEN',
    'GITHUB_APP_ID',
    'GITHUB_APP_PRIVATE_KEY',
    'GITHUB_APP_INSTALLATION_ID',
    'GITHUB_API_URL',
    'GITHUB_WEBHOOK_SECRET',
    'REDIS_URL',
    'PORT',
    'IDENTITY_MAP_FILE',
    'LOG_LEVEL',
    'TZ',
  ]) {
    assert.ok(CONFIG_KEYS.includes(key), key);
  }
});

test('.env.example and the README document every key', () => {
  const root = new URL('../../', import.meta.url);
  const example = readFileSync(new URL('.env.example', root), 'utf8');
  const readme = readFileSync(new URL('README.md', root), 'utf8');
  for (const key of CONFIG_KEYS) {
    assert.match(example, new RegExp(`^${key}=`, 'm'), `.env.example lacks ${key}`);
    assert.match(readme, `\`${key}\``, `README lacks ${key}`);
  }
});

test.run();
