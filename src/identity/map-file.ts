// The admin mapping file (IDENTITY_MAP_FILE), loaded at start so people who never sign in can
// still be told about their alerts. Two formats, chosen by extension:
// - YAML: `github-login: SLACK_USER_ID` a line, plus an optional `teams:` map of GitHub team
//   slug to Slack user group id (`teams` is therefore reserved as a key);
// - CSV (`.csv`): `github,slack` rows, an optional header, `#` comments; a team row names the
//   team as `team:<slug>` and a user group id (S…) as its Slack side.
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { BotError } from '../errors.ts';

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const SLACK_USER = /^[UW][A-Z0-9]{2,}$/;
const TEAM_SLUG = /^[a-z0-9][a-z0-9_.-]{0,99}$/i;
const USERGROUP = /^S[A-Z0-9]{2,}$/;

export interface MapEntry {
  githubLogin: string;
  slackUserId: string;
}

export interface TeamEntry {
  teamSlug: string;
  usergroupId: string;
}

export interface IdentityMapFile {
  people: MapEntry[];
  teams: TeamEntry[];
}

class Collector {
  readonly problems: string[] = [];
  readonly people: MapEntry[] = [];
  readonly teams: TeamEntry[] = [];

  person(login: string, user: unknown, where: string): void {
    if (!LOGIN.test(login)) this.problems.push(`${where}"${login}" is not a GitHub login`);
    else if (typeof user !== 'string' || !SLACK_USER.test(user)) {
      this.problems.push(`${where}${login}: expected a Slack user id such as U012ABCDEF`);
    } else this.people.push({ githubLogin: login, slackUserId: user });
  }

  team(slug: string, group: unknown, where: string): void {
    if (!TEAM_SLUG.test(slug)) this.problems.push(`${where}"${slug}" is not a GitHub team slug`);
    else if (typeof group !== 'string' || !USERGROUP.test(group)) {
      this.problems.push(`${where}team ${slug}: expected a Slack user group id such as S012ABC`);
    } else this.teams.push({ teamSlug: slug, usergroupId: group });
  }

  result(source: string): IdentityMapFile {
    if (this.problems.length) {
      throw new BotError('config_invalid', `${source}: ${this.problems.join('; ')}`, {
        fields: { problems: this.problems },
      });
    }
    return { people: this.people, teams: this.teams };
  }
}

function parseYaml(text: string, source: string): IdentityMapFile {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    throw new BotError('config_invalid', `${source} is not valid YAML`, { cause: err });
  }
  if (doc === null || doc === undefined) return { people: [], teams: [] };
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    throw new BotError('config_invalid', `${source} must map GitHub logins to Slack user ids`);
  }
  const out = new Collector();
  for (const [login, user] of Object.entries(doc as Record<string, unknown>)) {
    if (login !== 'teams') {
      out.person(login, user, '');
      continue;
    }
    if (typeof user !== 'object' || user === null || Array.isArray(user)) {
      out.problems.push('teams: expected a map of team slug to Slack user group id');
      continue;
    }
    for (const [slug, group] of Object.entries(user)) out.team(slug, group, '');
  }
  return out.result(source);
}

function parseCsv(text: string, source: string): IdentityMapFile {
  const out = new Collector();
  const lines = text.split(/\r?\n/);
  for (const [i, line] of lines.entries()) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const cells = trimmed.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
    const [github = '', slack = ''] = cells;
    const first = out.people.length + out.teams.length + out.problems.length === 0;
    if (first && /^(github|github[_ ]login|login)$/i.test(github)) continue;
    const where = `line ${i + 1}: `;
    if (cells.length !== 2) out.problems.push(`${where}expected two columns, github and slack`);
    else if (github.toLowerCase().startsWith('team:')) out.team(github.slice(5), slack, where);
    else out.person(github, slack, where);
  }
  return out.result(source);
}

export function parseMappingFile(
  text: string,
  format: 'yaml' | 'csv',
  source = 'identity map',
): IdentityMapFile {
  return format === 'csv' ? parseCsv(text, source) : parseYaml(text, source);
}

/** People only, from YAML; kept for callers that know nothing of teams. */
export function parseIdentityMap(text: string, source = 'identity map'): MapEntry[] {
  return parseYaml(text, source).people;
}

export async function readMappingFile(path: string): Promise<IdentityMapFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new BotError('config_invalid', 'IDENTITY_MAP_FILE cannot be read', {
      cause: err,
      fields: { path },
    });
  }
  const format = path.toLowerCase().endsWith('.csv') ? 'csv' : 'yaml';
  return parseMappingFile(text, format, 'IDENTITY_MAP_FILE');
}

export async function readIdentityMap(path: string): Promise<MapEntry[]> {
  return (await readMappingFile(path)).people;
}
