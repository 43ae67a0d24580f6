// When a finding's action is due, read from the facts its check put in details.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../core/types.js';
import { dueOf } from './due.js';

const report = { current: '1.28', target: '1.31' };

function addon(severity: Finding['severity'], moves: { hop: string; phase: string }[]): Finding {
  return { id: 'addon-incompatible', severity, message: 'cluster-autoscaler', details: { addon: 'cluster-autoscaler', moves } };
}

describe('dueOf', () => {
  it('puts a move before a hop in that hop\'s group, the earliest hop first', () => {
    expect(dueOf(addon('error', [{ hop: '1.29→1.30', phase: 'after' }, { hop: '1.28→1.29', phase: 'before' }]), report)).toEqual({ rank: 1128, label: 'Before 1.28→1.29' });
  });

  it('puts an add-on that only follows the control plane right after its first hop, between that hop and the next', () => {
    const due = dueOf(addon('error', [{ hop: '1.28→1.29', phase: 'after' }, { hop: '1.29→1.30', phase: 'after' }]), report);
    expect(due).toEqual({ rank: 1128.5, label: 'Right after 1.28→1.29' });
    expect(dueOf(addon('error', [{ hop: '1.28→1.29', phase: 'before' }]), report).rank).toBeLessThan(due.rank);
    expect(dueOf(addon('error', [{ hop: '1.29→1.30', phase: 'before' }]), report).rank).toBeGreaterThan(due.rank);
  });

  it('leaves info findings without a deadline', () => {
    expect(dueOf(addon('info', [{ hop: '1.28→1.29', phase: 'after' }]), report)).toEqual({ rank: 10_000, label: 'No deadline before 1.31' });
  });
});
