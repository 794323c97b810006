// The tour, in order. Each capability adds its steps here.
import type { TourStep } from '../tour-kit.ts';
import { assignmentDm, listCampaigns, typoGetsUsage } from './skeleton.ts';

export function allSteps(): TourStep[] {
  return [listCampaigns, typoGetsUsage, assignmentDm];
}
