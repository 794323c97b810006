// What Burndown needs from Slack and GitHub, in one place: the doctor checks a running
// install against it, and the tests check slack-manifest.yml and the GitHub App manifest
// against it and against the API methods the code calls.

/** Bot token scopes; slack-manifest.yml asks for exactly these. */
export const REQUIRED_SLACK_SCOPES = [
  'commands',
  'chat:write',
  'channels:manage',
  'channels:read',
  'groups:write',
  'groups:read',
  'im:write',
  'pins:write',
  'bookmarks:write',
  'users:read',
  'users:read.email',
  'usergroups:read',
  'files:write',
] as const;

/**
 * Bot scopes each Slack Web API method needs. Burndown's campaign channels are private by
 * default but may be public, so channel methods need both the public and private scope.
 */
export const SLACK_METHOD_SCOPES: Readonly<Record<string, readonly string[]>> = {
  'auth.test': [],
  'chat.postMessage': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'chat.update': ['chat:write'],
  'chat.scheduleMessage': ['chat:write'],
  'chat.delete': ['chat:write'],
  'chat.getPermalink': [],
  'conversations.create': ['channels:manage', 'groups:write'],
  'conversations.invite': ['channels:manage', 'groups:write'],
  'conversations.kick': ['channels:manage', 'groups:write'],
  'conversations.setTopic': ['channels:manage', 'groups:write'],
  'conversations.setPurpose': ['channels:manage', 'groups:write'],
  'conversations.rename': ['channels:manage', 'groups:write'],
  'conversations.archive': ['channels:manage', 'groups:write'],
  'conversations.unarchive': ['channels:manage', 'groups:write'],
  'conversations.join': ['channels:join'],
  'conversations.info': ['channels:read', 'groups:read'],
  'conversations.members': ['channels:read', 'groups:read'],
  'conversations.list': ['channels:read', 'groups:read'],
  'conversations.open': ['im:write'],
  'pins.add': ['pins:write'],
  'pins.remove': ['pins:write'],
  'bookmarks.add': ['bookmarks:write'],
  'bookmarks.edit': ['bookmarks:write'],
  'bookmarks.remove': ['bookmarks:write'],
  'users.info': ['users:read'],
  'users.list': ['users:read'],
  'users.lookupByEmail': ['users:read', 'users:read.email'],
  'usergroups.list': ['usergroups:read'],
  'usergroups.users.list': ['usergroups:read'],
  'files.uploadV2': ['files:write'],
  'files.getUploadURLExternal': ['files:write'],
  'files.completeUploadExternal': ['files:write'],
  'views.open': [],
  'views.push': [],
  'views.update': [],
  'views.publish': [],
};

export type GitHubAccess = 'read' | 'write';

/** GitHub App permissions (least): what the bot reads and what members write through it. */
export const REQUIRED_GITHUB_PERMISSIONS: Readonly<Record<string, GitHubAccess>> = {
  metadata: 'read',
  members: 'read',
  organization_campaigns: 'write',
  security_events: 'write',
  secret_scanning_alerts: 'write',
};

/** Added only when AUTOFIX_COMMITS_ENABLED is on: autofixes are committed to branches. */
export const AUTOFIX_GITHUB_PERMISSIONS: Readonly<Record<string, GitHubAccess>> = {
  contents: 'write',
};

/** The permission GitHub requires before an App may subscribe to each webhook event. */
export const GITHUB_EVENT_PERMISSIONS: Readonly<Record<string, string>> = {
  code_scanning_alert: 'security_events',
  secret_scanning_alert: 'secret_scanning_alerts',
  secret_scanning_alert_location: 'secret_scanning_alerts',
  secret_scanning_alert_dismissal_request: 'secret_scanning_alerts',
  dismissal_request_code_scanning: 'security_events',
  dismissal_request_secret_scanning: 'secret_scanning_alerts',
};

/** The webhook events a handler table reacts to (its keys are `event` or `event.action`). */
export function handledEvents(table: Readonly<Record<string, unknown>>): string[] {
  return [...new Set(Object.keys(table).map((key) => key.split('.')[0] ?? key))].sort();
}

/** How people name each permission in the App settings page, for the doctor's advice. */
export const GITHUB_PERMISSION_LABELS: Readonly<Record<string, string>> = {
  metadata: 'Repository › Metadata',
  members: 'Organization › Members',
  organization_campaigns: 'Organization › Campaigns',
  security_events: 'Repository › Code scanning alerts',
  secret_scanning_alerts: 'Repository › Secret scanning alerts',
  contents: 'Repository › Contents',
};

/** Permissions the install needs given its configuration. */
export function requiredGitHubPermissions(autofix: boolean): Record<string, GitHubAccess> {
  return { ...REQUIRED_GITHUB_PERMISSIONS, ...(autofix ? AUTOFIX_GITHUB_PERMISSIONS : {}) };
}

/** True when `granted` meets `needed` (write implies read). */
export function accessCovers(granted: string | undefined, needed: GitHubAccess): boolean {
  if (granted === 'write' || granted === 'admin') return true;
  return granted === 'read' && needed === 'read';
}
