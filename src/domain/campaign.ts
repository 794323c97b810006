// A campaign as Burndown keeps it. GitHub knows published campaigns and their totals only;
// Burndown adds drafts, the alert membership it submitted (GitHub cannot list it later),
// the Slack channel and the pinned card.
import type { AlertKind } from './types.ts';

export type CampaignState = 'draft' | 'open' | 'closed';

export interface CampaignMember {
  repoId: number;
  /** `owner/name`, kept so the alert can be fetched without another lookup. */
  repo: string;
  number: number;
}

export interface CampaignRecord {
  /** Burndown's own id; stable from draft to published. */
  id: string;
  /** GitHub's per-organization campaign number, once published. */
  number?: number;
  kind: AlertKind;
  state: CampaignState;
  name: string;
  description: string;
  /** Due date, ISO 8601. */
  endsAt: string;
  /** GitHub logins of the managers; the first is the point of contact. */
  managers: string[];
  teamManagers: string[];
  contactLink?: string;
  /** Alerts submitted to GitHub; empty for a campaign adopted from GitHub's pages. */
  members: CampaignMember[];
  /** True for a campaign created on GitHub and adopted: only totals are known. */
  adopted?: boolean;
  /** Template or filters that chose the alerts, for the record and for editing a draft. */
  scope?: Record<string, unknown>;
  channelId?: string;
  cardTs?: string;
  createdBy?: string;
  createdAt: string;
  updatedAt: string;
  htmlUrl?: string;
  /** Live totals from GitHub's `alert_stats`, refreshed by sync. */
  stats?: { open: number; closed: number; inProgress: number };
  /** Whether the campaign channel is private (the default) or public. */
  channelPrivate?: boolean;
  /** Slack users invited to the channel besides the managers and the creator. */
  extraMembers?: string[];
  /** Code campaigns: ask GitHub for one tracking issue per repository. */
  generateIssues?: boolean;
  /** Set before the GitHub create, so a retry after a crash looks for it before creating. */
  publishStartedAt?: string;
  /** Channel set-up steps already done; each step runs once, even across retries. */
  setup?: CampaignSetup;
  /** Closed from Slack with the channel archived, so reopen can unarchive it. */
  archivedByBurndown?: boolean;
}

export interface CampaignSetup {
  /** The topic last written, so a refresh only calls Slack when it changed. */
  topic?: string;
  purpose?: boolean;
  pinned?: boolean;
  bookmark?: boolean;
  invited?: boolean;
  /** The contact link was set to the channel on GitHub. */
  contactLinked?: boolean;
  announced?: boolean;
}
