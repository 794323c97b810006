// Finds the campaign a person means by `#12`, `12` or (part of) its name.
import type { AppContext } from '../app-context.ts';
import type { CampaignRecord } from '../domain/campaign.ts';
import { unquote as unquoteWords } from '../slack/commands/parse-args.ts';

export type Found =
  | { ok: true; campaign: CampaignRecord }
  | { ok: false; number?: number; message: string };

/** Quotes people type around names (straight, curly or single) are not part of the name. */
function unquote(text: string): string {
  return unquoteWords(unquoteWords(text).replace(/^'+|'+$/g, ''));
}

/** Digits that are no campaign GitHub could have: zero, or past an exact JavaScript number. */
function impossibleNumber(digits: string): boolean {
  const n = Number(digits);
  return !Number.isSafeInteger(n) || n < 1;
}

/**
 * Campaigns a person may mean by `words`: by number (`12`, `#12`), Burndown id, exact name,
 * or else every campaign whose name contains the words. Every command finds campaigns here.
 */
export function matchCampaigns(all: CampaignRecord[], words: string): CampaignRecord[] {
  const wanted = unquote(words);
  if (!wanted) return [];
  const number = /^#?(\d+)$/.exec(wanted)?.[1];
  if (number) return all.filter((c) => c.number === Number(number));
  const lower = wanted.toLowerCase();
  const exact = all.filter((c) => c.id === wanted || c.name.toLowerCase() === lower);
  return exact.length ? exact : all.filter((c) => c.name.toLowerCase().includes(lower));
}

/** `usage` (as in help: `show <name or number>`) is added to answers about bad input. */
export async function findCampaign(ctx: AppContext, text: string, usage?: string): Promise<Found> {
  const wanted = unquote(text);
  const how = usage ? ` Usage: \`/campaign ${usage}\`` : '';
  if (!wanted) return { ok: false, message: `Say which campaign: its number or its name.${how}` };
  const asNumber = /^#?(\d+)$/.exec(wanted)?.[1];
  // Echoing 99999999999999999999 back as #100000000000000000000 would only confuse.
  if (asNumber && impossibleNumber(asNumber)) {
    return {
      ok: false,
      message:
        'That is not a campaign number: use the number in the campaign’s GitHub URL, or its ' +
        `name.${how}`,
    };
  }
  if (asNumber) {
    const number = Number(asNumber);
    const c = await ctx.repos.campaigns.getByNumber(number);
    if (c) return { ok: true, campaign: c };
    return {
      ok: false,
      number,
      message:
        `Burndown does not follow campaign #${number}. If it was made on GitHub, ` +
        `\`/campaign adopt ${number}\` gives it a channel.`,
    };
  }
  const partial = matchCampaigns(await ctx.repos.campaigns.list(), wanted);
  if (partial.length === 1 && partial[0]) return { ok: true, campaign: partial[0] };
  if (partial.length > 1) {
    return {
      ok: false,
      message: `${partial.length} campaigns match; use the number (see \`/campaign list\`).`,
    };
  }
  return { ok: false, message: 'No campaign by that name. See `/campaign list`.' };
}
