// GitHub App endpoints: the app itself, its org installation and installation tokens, and
// a person's grant to it. Any JWT-shaped bearer is accepted, since tests sign with throwaway
// keys; the grant endpoint takes the App's client id and secret as Basic auth.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { requireApp, requireClientCredentials } from '../auth.ts';
import { API, BASE_TIME, makeUser, simpleUser, WEB } from '../builders-core.ts';
import { notFound, validationFailed } from '../errors.ts';
import { type Ctx, type HandlerTable, iso } from '../handler-types.ts';
import { type DoubleState, findOrg, type Json } from '../state.ts';

const PERMISSIONS = {
  security_events: 'write',
  secret_scanning_alerts: 'write',
  members: 'read',
  metadata: 'read',
  contents: 'write',
  organization_campaigns: 'write',
};

// An App created from Burndown's manifest is subscribed to the events the manifest lists.
const APP_EVENTS: string[] = JSON.parse(
  readFileSync(new URL('../../../../manifests/github-app.json', import.meta.url), 'utf8'),
).default_events;

function botLogin(state: DoubleState): string {
  return `${state.app.slug}[bot]`;
}

function installationBody(state: DoubleState, id: number, orgLogin: string): Json {
  const org = findOrg(state, orgLogin);
  const account = simpleUser(makeUser({ login: orgLogin, type: 'Organization', name: null }));
  return {
    id,
    account,
    repository_selection: 'all',
    access_tokens_url: `${API}/app/installations/${id}/access_tokens`,
    repositories_url: `${API}/installation/repositories`,
    html_url: `${WEB}/organizations/${orgLogin}/settings/installations/${id}`,
    app_id: state.app.id,
    client_id: state.app.clientId,
    target_id: org?.id ?? account.id,
    target_type: 'Organization',
    permissions: PERMISSIONS,
    events: APP_EVENTS,
    created_at: BASE_TIME,
    updated_at: BASE_TIME,
    single_file_name: null,
    app_slug: state.app.slug,
    suspended_by: null,
    suspended_at: null,
  };
}

// Deleting a grant deletes every token the person holds for the App: access tokens from any
// sign-in and their refresh tokens, so each later use answers 401 (or bad_refresh_token).
function deleteGrant(state: DoubleState, login: string, clientId: string): void {
  for (const [token, record] of Object.entries(state.tokens)) {
    if (record.login === login && record.clientId === clientId) delete state.tokens[token];
  }
  for (const [token, record] of Object.entries(state.refreshTokens)) {
    if (record.login === login && record.clientId === clientId) delete state.refreshTokens[token];
  }
}

export const appHandlers: HandlerTable = {
  'apps/get-authenticated': (ctx) => {
    requireApp(ctx.identity);
    const { app } = ctx.state;
    const owner = simpleUser(
      makeUser({ login: app.owner || 'burndown-dev', type: 'Organization', name: null }),
    );
    return {
      status: 200,
      body: {
        id: app.id,
        slug: app.slug,
        node_id: `A_${app.id}`,
        client_id: app.clientId,
        owner,
        name: app.name,
        description: 'Security campaigns from Slack.',
        external_url: 'https://burndown.example.com',
        html_url: `${WEB}/apps/${app.slug}`,
        created_at: BASE_TIME,
        updated_at: BASE_TIME,
        permissions: PERMISSIONS,
        events: APP_EVENTS,
        installations_count: Object.keys(ctx.state.installations).length,
      },
    };
  },

  'apps/get-org-installation': (ctx: Ctx) => {
    requireApp(ctx.identity);
    const org = findOrg(ctx.state, ctx.path.org);
    if (org?.installationId === undefined) throw notFound();
    return { status: 200, body: installationBody(ctx.state, org.installationId, org.login) };
  },

  'apps/delete-authorization': (ctx) => {
    requireClientCredentials(ctx.state, ctx.basic);
    const { app } = ctx.state;
    if (ctx.path.client_id !== app.clientId) throw notFound();
    const token: string = ctx.body.access_token;
    if (token === '') {
      throw validationFailed('Authorization', 'access_token', 'access_token is missing');
    }
    // An unknown, expired or already revoked token names no grant GitHub could find.
    const record = ctx.state.tokens[token];
    const live = record?.expiresAt === undefined || record.expiresAt > ctx.now;
    if (!record || record.clientId !== app.clientId || !live) throw notFound();
    deleteGrant(ctx.state, record.login, app.clientId);
    return { status: 204 };
  },

  'apps/create-installation-access-token': (ctx) => {
    requireApp(ctx.identity);
    const installation = ctx.state.installations[ctx.path.installation_id];
    if (!installation) throw notFound();
    const token = `ghs_${randomBytes(18).toString('base64url')}`;
    const expiresAt = ctx.now + 3_600_000;
    const login = botLogin(ctx.state);
    ctx.state.users[login] ??= makeUser({ login, type: 'Bot', name: null });
    ctx.state.tokens[token] = {
      login,
      kind: 'installation',
      installationId: installation.id,
      expiresAt,
    };
    return {
      status: 201,
      body: {
        token,
        expires_at: iso(expiresAt),
        permissions: ctx.body?.permissions ?? PERMISSIONS,
        repository_selection: ctx.body?.repositories ? 'selected' : 'all',
      },
    };
  },
};
