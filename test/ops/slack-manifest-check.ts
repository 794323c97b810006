// Compares slack-manifest.yml with what the code registers and calls. Each problem is a
// sentence naming the thing that disagrees, so a failing test says what to change.
import { REQUIRED_SLACK_SCOPES, SLACK_METHOD_SCOPES } from '../../src/doctor/required-access.ts';
import type { SlackListeners } from './app-surface.ts';

export const SLACK_EVENTS_PATH = '/slack/events';

export interface SlackManifest {
  features?: {
    app_home?: { home_tab_enabled?: boolean; messages_tab_enabled?: boolean };
    bot_user?: { display_name?: string };
    slash_commands?: { command: string; url?: string; should_escape?: boolean }[];
    shortcuts?: { callback_id: string }[];
  };
  oauth_config?: { scopes?: { bot?: string[]; user?: string[] } };
  settings?: {
    event_subscriptions?: { request_url?: string; bot_events?: string[] };
    interactivity?: {
      is_enabled?: boolean;
      request_url?: string;
      message_menu_options_url?: string;
    };
    socket_mode_enabled?: boolean;
  };
}

export interface CodeSurface {
  listeners: SlackListeners;
  methods: string[];
}

function urlProblem(what: string, url: string | undefined): string[] {
  if (!url) return [`${what} has no URL (required in HTTP mode)`];
  const u = new URL(url);
  const problems: string[] = [];
  if (u.protocol !== 'https:') problems.push(`${what} must be an https URL, not ${url}`);
  if (u.pathname !== SLACK_EVENTS_PATH) {
    problems.push(`${what} must end in ${SLACK_EVENTS_PATH} (Burndown's receiver), not ${url}`);
  }
  return problems;
}

export function slackManifestProblems(m: SlackManifest, code: CodeSurface): string[] {
  const problems: string[] = [];
  const { listeners } = code;
  const httpMode = m.settings?.socket_mode_enabled !== true;

  const declared = (m.features?.slash_commands ?? []).map((c) => c.command);
  for (const cmd of listeners.command) {
    if (!declared.includes(cmd)) {
      problems.push(`command ${cmd} is registered in code but missing from the manifest`);
    }
  }
  for (const cmd of declared) {
    if (!listeners.command.includes(cmd)) {
      problems.push(`command ${cmd} is in the manifest but no listener handles it`);
    }
  }
  if (httpMode) {
    for (const c of m.features?.slash_commands ?? []) {
      problems.push(...urlProblem(`command ${c.command}`, c.url));
    }
  }

  const interactivity = m.settings?.interactivity;
  const interactive = [...listeners.action, ...listeners.view, ...listeners.shortcut];
  if (interactive.length && !interactivity?.is_enabled) {
    problems.push(
      `interactivity is off but the code handles ${interactive.length} actions/views/shortcuts`,
    );
  }
  if (interactivity?.is_enabled && httpMode) {
    problems.push(...urlProblem('interactivity', interactivity.request_url));
  }
  if (listeners.options.length) {
    if (!interactivity?.message_menu_options_url) {
      problems.push('the code answers options requests but message_menu_options_url is missing');
    } else if (httpMode) {
      problems.push(...urlProblem('options', interactivity.message_menu_options_url));
    }
  }
  if (!listeners.options.length && interactivity?.message_menu_options_url) {
    problems.push('message_menu_options_url is declared but nothing answers options requests');
  }
  if (!interactive.length && interactivity?.is_enabled) {
    problems.push('interactivity is on but no action, view or shortcut listener exists');
  }
  const shortcuts = (m.features?.shortcuts ?? []).map((s) => s.callback_id);
  for (const id of listeners.shortcut) {
    if (!shortcuts.includes(id)) problems.push(`shortcut ${id} is handled but not declared`);
  }

  const events = m.settings?.event_subscriptions?.bot_events ?? [];
  for (const e of listeners.event) {
    if (!events.includes(e)) problems.push(`event ${e} is handled but not in bot_events`);
  }
  for (const e of events) {
    if (!listeners.event.includes(e)) problems.push(`bot event ${e} is declared but not handled`);
  }
  if (events.length && httpMode) {
    problems.push(
      ...urlProblem('event subscriptions', m.settings?.event_subscriptions?.request_url),
    );
  }
  if (events.includes('app_home_opened') && !m.features?.app_home?.home_tab_enabled) {
    problems.push('app_home_opened needs features.app_home.home_tab_enabled: true');
  }
  if (!m.features?.bot_user) problems.push('features.bot_user is required for a bot token');

  const scopes = new Set(m.oauth_config?.scopes?.bot ?? []);
  const needs = (scope: string, why: string) => {
    if (!scopes.has(scope)) problems.push(`bot scope ${scope} is missing (needed by ${why})`);
  };
  if (listeners.command.length) needs('commands', 'the slash command');
  for (const method of code.methods) {
    const required = SLACK_METHOD_SCOPES[method];
    if (!required) {
      problems.push(`the code calls ${method}: add its scopes to SLACK_METHOD_SCOPES`);
      continue;
    }
    for (const scope of required) needs(scope, method);
  }
  const wanted = new Set<string>(REQUIRED_SLACK_SCOPES);
  for (const s of scopes) {
    if (!wanted.has(s)) problems.push(`bot scope ${s} is not in REQUIRED_SLACK_SCOPES (doctor)`);
  }
  for (const s of wanted) {
    if (!scopes.has(s)) problems.push(`bot scope ${s} is required by the doctor but not declared`);
  }
  if (m.oauth_config?.scopes?.user?.length) {
    problems.push('user scopes are declared; Burndown acts only with its bot token');
  }
  return problems;
}
