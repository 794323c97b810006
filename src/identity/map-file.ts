// The admin mapping file (IDENTITY_MAP_FILE): YAML, one `github-login: SLACK_USER_ID` a
// line. Loaded at start so people who never sign in can still be told about their alerts.
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { BotError } from '../errors.ts';

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const SLACK_USER = /^[UW][A-Z0-9]{2,}$/;

export interface MapEntry {
  githubLogin: string;
  slackUserId: string;
}

export function parseIdentityMap(text: string, source = 'identity map'): MapEntry[] {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    throw new BotError('config_invalid', `${source} is not valid YAML`, { cause: err });
  }
  if (doc === null || doc === undefined) return [];
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    throw new BotError('config_invalid', `${source} must map GitHub logins to Slack user ids`);
  }
  const problems: string[] = [];
  const entries: MapEntry[] = [];
  for (const [login, user] of Object.entries(doc as Record<string, unknown>)) {
    if (!LOGIN.test(login)) problems.push(`"${login}" is not a GitHub login`);
    else if (typeof user !== 'string' || !SLACK_USER.test(user)) {
      problems.push(`${login}: expected a Slack user id such as U012ABCDEF`);
    } else entries.push({ githubLogin: login, slackUserId: user });
  }
  if (problems.length) {
    throw new BotError('config_invalid', `${source}: ${problems.join('; ')}`, {
      fields: { problems },
    });
  }
  return entries;
}

export async function readIdentityMap(path: string): Promise<MapEntry[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new BotError('config_invalid', 'IDENTITY_MAP_FILE cannot be read', {
      cause: err,
      fields: { path },
    });
  }
  return parseIdentityMap(text, 'IDENTITY_MAP_FILE');
}
