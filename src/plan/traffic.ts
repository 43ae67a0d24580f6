// Shifting traffic from the old cluster to the new one during a cluster migration, with the
// mechanism the estate's entry points allow: ALB weighted target groups (TargetGroupBinding
// or ALB Ingresses) roll back in seconds; Route 53 weighted records wait for DNS caches.
import * as estimate from './durations.js';
import { step, type StepDraft } from './steps.js';
import type { PlanSignals } from './types.js';

export type TrafficMechanism = 'alb-weighted' | 'route53-weighted' | 'undecided';

export function trafficMechanism(signals: PlanSignals): TrafficMechanism {
  if (signals.targetGroupBindings > 0 || signals.albIngresses > 0) return 'alb-weighted';
  if (signals.route53 || signals.ingresses > 0) return 'route53-weighted';
  return 'undecided';
}

export function trafficShiftSteps(hop: string, oldName: string, newName: string, signals: PlanSignals): StepDraft[] {
  const mechanism = trafficMechanism(signals);
  return estimate.TRAFFIC_WEIGHTS.map((weight) => {
    const draft: StepDraft = step({
      hop,
      phase: 'during',
      kind: 'traffic-shift',
      title: `Send ${weight}% of traffic to ${newName}${MECHANISM_LABEL[mechanism]}, watch metrics for ${estimate.TRAFFIC_WATCH_MINUTES} min`,
      minutes: estimate.TRAFFIC_WATCH_MINUTES,
      rollback: rollbackOf(mechanism, oldName),
    });
    if (mechanism === 'undecided') {
      draft.items = ['No ALB, TargetGroupBinding or Route 53 entry point was found: choose ALB weighted target groups, or Route 53 weighted or latency-based records.'];
    } else {
      draft.commands.push(shiftCommand(mechanism, weight));
    }
    return draft;
  });
}

const MECHANISM_LABEL: Record<TrafficMechanism, string> = {
  'alb-weighted': ' (ALB weighted target groups)',
  'route53-weighted': ' (Route 53 weighted records)',
  undecided: '',
};

function shiftCommand(mechanism: Exclude<TrafficMechanism, 'undecided'>, weight: number): string {
  switch (mechanism) {
    case 'alb-weighted':
      return `aws elbv2 modify-listener --listener-arn <listener-arn> --default-actions '[{"Type":"forward","ForwardConfig":{"TargetGroups":[{"TargetGroupArn":"<old-cluster-tg-arn>","Weight":${100 - weight}},{"TargetGroupArn":"<new-cluster-tg-arn>","Weight":${weight}}]}}]'`;
    case 'route53-weighted':
      return `aws route53 change-resource-record-sets --hosted-zone-id <zone-id> --change-batch file://weights-${weight}.json  # new-cluster record Weight ${weight}, old ${100 - weight}`;
  }
}

function rollbackOf(mechanism: TrafficMechanism, oldName: string): string {
  switch (mechanism) {
    case 'alb-weighted':
      return `Set the weights back to 100% on ${oldName}: the ALB applies it within seconds.`;
    case 'route53-weighted':
      return `Set the weights back to 100% on ${oldName}: clients keep cached answers until the record's TTL expires, so lower the TTL a day before.`;
    case 'undecided':
      return `Point the entry point back at ${oldName}.`;
  }
}
