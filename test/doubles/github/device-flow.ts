// OAuth device flow as served by github.com (/login/device/code, /login/oauth/access_token).
// These endpoints are not in the OpenAPI description, so their inputs are checked here.
import { randomBytes } from 'node:crypto';
import type { DoubleState } from './state.ts';

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const DOCS = 'https://docs.github.com/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps';
const CODE_TTL_S = 900;
const TOKEN_TTL_S = 28_800;
const REFRESH_TTL_S = 15_897_600;

interface DeviceCode {
  deviceCode: string;
  userCode: string;
  clientId: string;
  scope: string;
  expiresAt: number;
  interval: number;
  lastPoll: number | undefined;
  status: 'pending' | 'approved' | 'denied' | 'used';
  login?: string;
  forceSlowDown: number;
}

export interface OAuthReply {
  status: number;
  body: Record<string, unknown>;
  // A description of a malformed request, recorded as a violation by the server.
  violation?: { field: string; message: string };
}

export interface DeviceFlowControl {
  approve(code: string, login: string): void;
  deny(code: string): void;
  expire(code: string): void;
  slowDown(code: string): void;
  // Codes issued so far, newest last, so a test can find the user code it must "enter".
  readonly issued: ReadonlyArray<{ deviceCode: string; userCode: string; status: string }>;
}

function userCode(): string {
  const letters = 'BCDFGHJKLMNPQRSTVWXZ';
  const bytes = randomBytes(8);
  const chars = [...bytes].map((b) => letters[b % letters.length]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

function oauthError(error: string, description: string, extra: Record<string, unknown> = {}) {
  return {
    status: 200,
    body: { error, error_description: description, error_uri: DOCS, ...extra },
  };
}

export class DeviceFlow implements DeviceFlowControl {
  private codes: DeviceCode[] = [];

  constructor(
    private readonly state: () => DoubleState,
    private readonly nowMs: () => number,
    private readonly webBase: () => string,
    private readonly enforceInterval: boolean,
  ) {}

  get issued() {
    return this.codes.map((c) => ({
      deviceCode: c.deviceCode,
      userCode: c.userCode,
      status: c.status,
    }));
  }

  private find(code: string): DeviceCode {
    const found = this.codes.find((c) => c.deviceCode === code || c.userCode === code);
    if (!found) throw new Error(`device flow: no code ${code}`);
    return found;
  }

  approve(code: string, login: string): void {
    if (!this.state().users[login]) throw new Error(`device flow: unknown user ${login}`);
    Object.assign(this.find(code), { status: 'approved', login });
  }

  deny(code: string): void {
    this.find(code).status = 'denied';
  }

  expire(code: string): void {
    this.find(code).expiresAt = this.nowMs() - 1;
  }

  slowDown(code: string): void {
    this.find(code).forceSlowDown++;
  }

  reset(): void {
    // Refresh tokens live in the state, with the access tokens, and outlive a reset like them.
    this.codes = [];
  }

  requestCode(params: Record<string, unknown>): OAuthReply {
    const clientId = params.client_id;
    if (typeof clientId !== 'string' || clientId === '') {
      const body = { error: 'invalid_request', error_description: 'client_id is required' };
      return { status: 400, body, violation: { field: 'client_id', message: 'missing' } };
    }
    if (clientId !== this.state().app.clientId) {
      const violation = { field: 'client_id', message: `unknown client_id ${clientId}` };
      return { status: 404, body: { error: 'Not Found' }, violation };
    }
    const code: DeviceCode = {
      deviceCode: randomBytes(20).toString('hex'),
      userCode: userCode(),
      clientId,
      scope: typeof params.scope === 'string' ? params.scope : '',
      expiresAt: this.nowMs() + CODE_TTL_S * 1000,
      interval: 5,
      lastPoll: undefined,
      status: 'pending',
      forceSlowDown: 0,
    };
    this.codes.push(code);
    return {
      status: 200,
      body: {
        device_code: code.deviceCode,
        user_code: code.userCode,
        verification_uri: `${this.webBase()}/login/device`,
        expires_in: CODE_TTL_S,
        interval: code.interval,
      },
    };
  }

  exchange(params: Record<string, unknown>): OAuthReply {
    const grant = params.grant_type;
    if (grant === 'refresh_token') return this.refresh(params);
    if (grant !== DEVICE_GRANT) {
      const reply = oauthError('unsupported_grant_type', 'The grant type is not supported.');
      return {
        ...reply,
        violation: { field: 'grant_type', message: `unsupported grant_type ${String(grant)}` },
      };
    }
    const code = this.codes.find((c) => c.deviceCode === params.device_code);
    if (!code) return oauthError('incorrect_device_code', 'The device_code provided is not valid.');
    if (code.clientId !== params.client_id) {
      return oauthError('incorrect_client_credentials', 'The client_id is not valid.');
    }
    const now = this.nowMs();
    if (code.expiresAt <= now) return oauthError('expired_token', 'This device code has expired.');
    // A code that already produced a token is spent, however fast the client polls.
    if (code.status === 'used') {
      return oauthError('incorrect_device_code', 'The device_code provided is not valid.');
    }
    const tooSoon =
      this.enforceInterval &&
      code.lastPoll !== undefined &&
      now - code.lastPoll < code.interval * 1000;
    code.lastPoll = now;
    if (code.forceSlowDown > 0 || tooSoon) {
      if (code.forceSlowDown > 0) code.forceSlowDown--;
      // GitHub adds 5 seconds to the interval each time a client polls too fast.
      code.interval += 5;
      return oauthError('slow_down', 'Too many requests have been made in the same timeframe.', {
        interval: code.interval,
      });
    }
    if (code.status === 'denied')
      return oauthError('access_denied', 'The authorization request was denied.');
    if (code.status === 'pending') {
      return oauthError('authorization_pending', 'The authorization request is still pending.');
    }
    code.status = 'used';
    return { status: 200, body: this.issue(code.login ?? '', code.clientId, code.scope) };
  }

  private refresh(params: Record<string, unknown>): OAuthReply {
    const token = String(params.refresh_token ?? '');
    const { refreshTokens, app } = this.state();
    const record = refreshTokens[token];
    if (params.client_id !== app.clientId || params.client_secret !== app.clientSecret) {
      return oauthError(
        'incorrect_client_credentials',
        'The client_id and/or client_secret passed are incorrect.',
      );
    }
    if (!record || record.clientId !== params.client_id || record.expiresAt <= this.nowMs()) {
      return oauthError('bad_refresh_token', 'The refresh token passed is incorrect or expired.');
    }
    // Refresh tokens are single use; the old one stops working once exchanged.
    delete refreshTokens[token];
    return { status: 200, body: this.issue(record.login, record.clientId, '') };
  }

  private issue(login: string, clientId: string, scope: string): Record<string, unknown> {
    const now = this.nowMs();
    const accessToken = `ghu_${randomBytes(18).toString('base64url')}`;
    const refreshToken = `ghr_${randomBytes(36).toString('base64url')}`;
    this.state().tokens[accessToken] = {
      login,
      kind: 'app-user',
      expiresAt: now + TOKEN_TTL_S * 1000,
      clientId,
    };
    this.state().refreshTokens[refreshToken] = {
      login,
      clientId,
      expiresAt: now + REFRESH_TTL_S * 1000,
    };
    return {
      access_token: accessToken,
      expires_in: TOKEN_TTL_S,
      refresh_token: refreshToken,
      refresh_token_expires_in: REFRESH_TTL_S,
      token_type: 'bearer',
      scope,
    };
  }
}
