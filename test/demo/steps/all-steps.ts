// The tour, in order. Each capability adds its steps here.
import type { TourStep } from '../tour-kit.ts';
import { actOnAlertFromDm, managerReadsAudit, reviewDecidedOnGitHub } from './actions.ts';
import { developersGetIntroDms, leadCreatesCampaign, leadShowsCampaign } from './campaigns.ts';
import { appHome, privateDigest, scheduledDigest } from './digest.ts';
import { developerSignsIn, developerSignsOut } from './identity.ts';
import { operatorRunsDoctor, prometheusScrapes } from './operations.ts';
import { assignmentDm, listCampaigns, typoGetsUsage } from './skeleton.ts';
import { batchOfAssignments, dismissalOnGitHub, fixInChannel } from './sync.ts';

export function allSteps(): TourStep[] {
  return [
    listCampaigns,
    typoGetsUsage,
    assignmentDm,
    developerSignsIn,
    actOnAlertFromDm,
    reviewDecidedOnGitHub,
    managerReadsAudit,
    leadCreatesCampaign,
    developersGetIntroDms,
    leadShowsCampaign,
    batchOfAssignments,
    dismissalOnGitHub,
    fixInChannel,
    scheduledDigest,
    privateDigest,
    appHome,
    developerSignsOut,
    operatorRunsDoctor,
    prometheusScrapes,
  ];
}
