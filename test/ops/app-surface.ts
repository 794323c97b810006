// What the code actually uses from Slack and GitHub, found without a workspace: the Slack
// listeners registerSlackHandlers adds (recorded through a stand-in app), the Web API
// methods called anywhere under src/ (read from the source), and the GitHub webhook events
// handled. The manifest tests compare the manifests with this.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { App } from '@slack/bolt';
import type { AppContext } from '../../src/app-context.ts';
import { createBurndown } from '../../src/burndown.ts';
import { loadConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/log.ts';
import { registerSlackHandlers } from '../../src/slack/register.ts';
import { MemoryKv } from '../../src/store/memory-kv.ts';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export type ListenerKind = 'command' | 'action' | 'view' | 'options' | 'event' | 'shortcut';

export interface SlackListeners {
  command: string[];
  action: string[];
  view: string[];
  options: string[];
  event: string[];
  shortcut: string[];
  /** `app.message` listeners: they need message events in the manifest. */
  message: string[];
}

function describeMatcher(m: unknown): string {
  if (typeof m === 'string') return m;
  if (m instanceof RegExp) return m.toString();
  if (m && typeof m === 'object') {
    const c = m as Record<string, unknown>;
    return String(c.action_id ?? c.callback_id ?? c.block_id ?? c.type ?? JSON.stringify(m));
  }
  return String(m);
}

/** A context that reaches nothing: registration must not call out, only add listeners. */
export function offlineContext(): AppContext {
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-offline',
    SLACK_SIGNING_SECRET: 'offline',
    SLACK_API_URL: 'http://127.0.0.1:9/api/',
    GITHUB_ORG: 'acme',
    GITHUB_TOKEN: 'offline',
    GITHUB_API_URL: 'http://127.0.0.1:9',
    GITHUB_WEBHOOK_SECRET: 'offline',
  });
  return createBurndown({ config, kv: new MemoryKv(), logger: silentLogger(), schedule: false })
    .ctx;
}

/** Calls registerSlackHandlers on a stand-in app and records every listener it adds. */
export function recordSlackListeners(
  register: (app: App, ctx: AppContext) => void = registerSlackHandlers,
): SlackListeners {
  const found: SlackListeners = {
    command: [],
    action: [],
    view: [],
    options: [],
    event: [],
    shortcut: [],
    message: [],
  };
  const recorder = new Proxy(
    {},
    {
      get(_target, prop) {
        if (typeof prop === 'string' && prop in found) {
          return (...args: unknown[]) => {
            // app.message() may be called with only a listener: it then hears every message.
            const first = args.length > 1 ? args[0] : '*';
            found[prop as keyof SlackListeners].push(describeMatcher(first));
          };
        }
        return () => {};
      },
    },
  ) as unknown as App;
  register(recorder, offlineContext());
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

const FAMILIES =
  'admin|apps|auth|bookmarks|chat|conversations|dnd|files|pins|reactions|team|' +
  'usergroups|users|views';
const METHOD_CALL = new RegExp(
  `\\b(?:slack|client)\\??\\.(?:${FAMILIES})(?:\\.[a-zA-Z]+){1,2}(?=\\s*\\()`,
  'g',
);

/** Slack Web API methods called under src/, e.g. `chat.postMessage`, from the source text. */
export function slackMethodsCalled(srcDir = join(REPO_ROOT, 'src')): string[] {
  const methods = new Set<string>();
  for (const file of sourceFiles(srcDir)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(METHOD_CALL)) {
      methods.add(m[0].replace(/^(?:slack|client)\??\./, ''));
    }
    for (const m of text.matchAll(/\.apiCall\(\s*['"]([\w.]+)['"]/g)) methods.add(m[1]!);
    if (/\.filesUploadV2\s*\(/.test(text)) methods.add('files.uploadV2');
  }
  return [...methods].sort();
}
