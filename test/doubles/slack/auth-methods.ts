// auth.test: who the token belongs to. Scopes travel in the x-oauth-scopes header.
import { type MethodSpec, ok } from './method-context.ts';

export const authMethods: Record<string, MethodSpec> = {
  'auth.test': {
    handle: (ctx) =>
      ok({
        url: `https://${ctx.ws.team.domain}.slack.com/`,
        team: ctx.ws.team.name,
        user: ctx.ws.bot.name,
        team_id: ctx.ws.team.id,
        user_id: ctx.ws.bot.user_id,
        bot_id: ctx.ws.bot.bot_id,
        is_enterprise_install: false,
      }),
  },
};
