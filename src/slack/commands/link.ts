// `/campaign link`: sign in with GitHub (device flow). The code goes out as a direct
// message; this answer only says so.
import { startSignIn } from '../../identity/device-flow.ts';
import type { Subcommand } from './subcommand.ts';

export const linkSubcommand: Subcommand = {
  name: 'link',
  aliases: ['login', 'signin', 'sign-in'],
  usage: 'link',
  summary: 'sign in with GitHub so Burndown can act as you',
  run: async ({ ctx, command }) => startSignIn(ctx, command.user_id),
};
