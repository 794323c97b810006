// Compares a GitHub App manifest with the code: the events it subscribes to are the events
// the webhook handlers take, and its permissions cover every REST call under src/ (read
// from the source) and nothing more than the doctor asks for.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  accessCovers,
  GITHUB_EVENT_PERMISSIONS,
  type GitHubAccess,
  requiredGitHubPermissions,
} from '../../src/doctor/required-access.ts';
import { REPO_ROOT } from './app-surface.ts';

export interface GitHubAppManifest {
  name?: string;
  url?: string;
  hook_attributes?: { url?: string; active?: boolean };
  default_permissions?: Record<string, string>;
  default_events?: string[];
  public?: boolean;
}

export interface GitHubCall {
  file: string;
  call: string;
  permission: string | undefined;
  access: GitHubAccess;
}

// Octokit namespace (or REST path piece) to the App permission it needs.
const NAMESPACES: [RegExp, string | undefined][] = [
  [/^campaigns\.|\/campaigns\b/, 'organization_campaigns'],
  [/^codeScanning\.|\/code-scanning\//, 'security_events'],
  [/^secretScanning\.|\/secret-scanning\//, 'secret_scanning_alerts'],
  [/^(?:teams\.|orgs\.listMembers)|\/(?:teams|members)\b/, 'members'],
  [/^(?:git|repos\.(?:createOrUpdateFileContents|getContent))\.?|\/(?:git|contents)\//, 'contents'],
  [/^repos\.|^\/repos\/|\/orgs\/\{org\}\/repos/, 'metadata'],
  [/^users\.|^\/rate_limit|\/installation$/, undefined],
];

const WRITE_VERB =
  /^(?:POST|PATCH|PUT|DELETE) |\.(?:create|update|delete|commit|review|add|remove|set)/;

function classify(call: string): Pick<GitHubCall, 'permission' | 'access'> {
  const target = call.replace(/^(?:GET|POST|PATCH|PUT|DELETE) /, '');
  const hit = NAMESPACES.find(([pattern]) => pattern.test(target));
  if (!hit) throw new Error(`no permission known for GitHub call ${call}; add it to NAMESPACES`);
  return { permission: hit[1], access: WRITE_VERB.test(call) ? 'write' : 'read' };
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** Every REST call under src/: `rest.<ns>.<method>` and `request('VERB /path')`. */
export function githubCallsInSource(srcDir = join(REPO_ROOT, 'src')): GitHubCall[] {
  const calls: GitHubCall[] = [];
  for (const path of sourceFiles(srcDir)) {
    const text = readFileSync(path, 'utf8');
    const file = relative(REPO_ROOT, path);
    for (const m of text.matchAll(/\brest\.(\w+\.\w+)/g)) {
      calls.push({ file, call: m[1]!, ...classify(m[1]!) });
    }
    for (const m of text.matchAll(/\brequest\(\s*['"`]((?:GET|POST|PATCH|PUT|DELETE) [^'"`]+)/g)) {
      calls.push({ file, call: m[1]!, ...classify(m[1]!) });
    }
  }
  return calls;
}

export function githubAppProblems(
  m: GitHubAppManifest,
  handledEvents: string[],
  calls: GitHubCall[],
  options: { autofix: boolean },
): string[] {
  const problems: string[] = [];
  const granted = m.default_permissions ?? {};
  const events = m.default_events ?? [];
  for (const e of handledEvents) {
    if (!events.includes(e)) problems.push(`event ${e} is handled but not in default_events`);
  }
  for (const e of events) {
    if (!handledEvents.includes(e)) problems.push(`event ${e} is subscribed but not handled`);
    const permission = GITHUB_EVENT_PERMISSIONS[e];
    if (!permission) problems.push(`event ${e}: add its permission to GITHUB_EVENT_PERMISSIONS`);
    else if (!granted[permission]) problems.push(`event ${e} needs the ${permission} permission`);
  }
  for (const c of calls) {
    if (!c.permission) continue;
    // Autofix commits are the only writes to repository contents; without them, off.
    if (c.permission === 'contents' && !options.autofix) {
      if (!/autofix/.test(c.file)) {
        problems.push(`${c.file} calls ${c.call} (contents) outside the autofix feature`);
      }
      continue;
    }
    if (!accessCovers(granted[c.permission], c.access)) {
      problems.push(`${c.file} calls ${c.call}: needs ${c.permission}: ${c.access}`);
    }
  }
  const wanted = requiredGitHubPermissions(options.autofix);
  for (const [key, access] of Object.entries(granted)) {
    if (wanted[key] !== access) {
      problems.push(
        `permission ${key}: ${access} differs from the doctor's ${wanted[key] ?? 'none'}`,
      );
    }
  }
  for (const key of Object.keys(wanted)) {
    if (!(key in granted)) problems.push(`permission ${key} is required but not granted`);
  }
  const hook = m.hook_attributes?.url ?? '';
  if (!hook.endsWith('/github/webhooks'))
    problems.push('hook_attributes.url must end in /github/webhooks');
  if (m.public !== false) problems.push('the App must be private (public: false)');
  return problems;
}
