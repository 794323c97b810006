// Whether Copilot Autofix can likely suggest a fix for a code scanning alert. GitHub offers
// no list filter for this; autofix covers CodeQL alerts of security queries in the
// languages below (GitHub's "About Copilot Autofix" page). GitHub has the final word per
// alert, so the preview calls these "autofix-eligible", not "fixable".

const LANGUAGES = new Set([
  'csharp',
  'cpp',
  'go',
  'java',
  'javascript',
  'python',
  'ruby',
  'swift',
  'actions',
  'rust',
]);
const PREFIX_LANGUAGE: Record<string, string> = { js: 'javascript', py: 'python', rb: 'ruby' };

type Json = Record<string, unknown>;

function language(alert: Json): string | undefined {
  const instance = (alert.most_recent_instance ?? {}) as Json;
  const env = typeof instance.environment === 'string' ? instance.environment : '';
  const fromEnv = /"language"\s*:\s*"([a-z-]+)"/.exec(env)?.[1];
  if (fromEnv) return fromEnv;
  const rule = (alert.rule ?? {}) as Json;
  const prefix = typeof rule.id === 'string' ? rule.id.split('/')[0] : undefined;
  return prefix ? (PREFIX_LANGUAGE[prefix] ?? prefix) : undefined;
}

export function autofixEligible(alert: Json): boolean {
  const tool = ((alert.tool ?? {}) as Json).name;
  const rule = (alert.rule ?? {}) as Json;
  const tags = Array.isArray(rule.tags) ? rule.tags : [];
  const lang = language(alert);
  return tool === 'CodeQL' && tags.includes('security') && Boolean(lang && LANGUAGES.has(lang));
}
