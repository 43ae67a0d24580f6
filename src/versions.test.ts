import { describe, expect, it } from 'vitest';
import { loadKnowledge } from './knowledge/load.js';
import { stalenessWarning } from './knowledge/staleness.js';
import { versionsReport } from './versions.js';

const knowledge = loadKnowledge();

describe('versionsReport', () => {
  it('places every EKS version of /work/shared/reference/eks-versions.csv on 2026-11-21', () => {
    const report = versionsReport(knowledge, 'eks', '2026-11-21');
    expect(report.versions.map((v) => [v.version, v.status, v.daysLeft, v.monthlyCost])).toEqual([
      ['1.21', 'ended', null, null],
      ['1.22', 'ended', null, null],
      ['1.23', 'ended', null, null],
      ['1.24', 'ended', null, null],
      ['1.25', 'ended', null, null],
      ['1.26', 'ended', null, null],
      ['1.27', 'ended', null, null],
      ['1.28', 'ended', null, null],
      ['1.29', 'ended', null, null],
      ['1.30', 'ended', null, null],
      ['1.31', 'extended', 5, 438],
      ['1.32', 'extended', 122, 438],
      ['1.33', 'extended', 250, 438],
      ['1.34', 'standard', 11, 73],
      ['1.35', 'standard', 126, 73],
      ['1.36', 'standard', 254, 73],
    ]);
    expect(report.versions[13]).toEqual({ version: '1.34', status: 'standard', releaseDate: '2025-10-02', endOfStandardSupport: '2026-12-02', endOfExtendedSupport: '2027-12-02', daysLeft: 11, forecast: false, monthlyCost: 73 });
    expect(report.pricing).toEqual({ hoursPerMonth: 730, standardPerMonth: 73, extendedPerMonth: 438, currency: 'USD', source: 'https://aws.amazon.com/eks/pricing/' });
    expect(report.endOfSupport?.action).toMatch(/^When extended support ends, Amazon EKS automatically upgrades the cluster control plane/);
  });

  it('shows upstream Kubernetes without prices or extended support', () => {
    const report = versionsReport(knowledge, 'kubernetes', '2026-11-21');
    expect(report.versions.find((v) => v.version === '1.32')).toEqual({ version: '1.32', status: 'ended', releaseDate: '2024-12-11', endOfStandardSupport: '2026-02-28', endOfExtendedSupport: null, daysLeft: null, forecast: false, monthlyCost: null });
    expect(report.pricing).toBeUndefined();
    expect(report.endOfSupport).toBeUndefined();
  });
});

const eksRow = (version: string) => ({ version, releaseDate: '2026-01-27', endOfStandardSupport: '2027-03-27', endOfExtendedSupport: '2028-03-27', source: 'https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html' });

describe('stalenessWarning', () => {
  it('stays quiet up to 120 days and names the age after', () => {
    expect(stalenessWarning('2026-11-01', '2027-03-01')).toBeUndefined();
    expect(stalenessWarning('2026-11-01', '2027-03-02')).toBe(
      'the knowledge base is dated 2026-11-01, 121 days ago: support dates and add-on releases may have changed since; update upshift or add current rows with --data FILE',
    );
  });

  it('names the EKS version that may have shipped since the knowledge date', () => {
    const calendar = {
      eks: { versions: [eksRow('1.35'), eksRow('1.36')] },
      kubernetes: { versions: [{ version: '1.37', releaseDate: '2026-08-26', endOfLife: '2027-10-28', source: 'https://kubernetes.io/releases/1.37/' }] },
    };
    expect(stalenessWarning('2026-11-01', '2027-03-02', calendar)).toBe(
      'the knowledge base is dated 2026-11-01, 121 days ago: the newest EKS version it knows is 1.36: 1.37 (Kubernetes 1.37 was released 2026-08-26) may have come to EKS since and is not in it, nor are add-on releases and support-date changes after 2026-11-01; update upshift or add current rows with --data FILE',
    );
    expect(stalenessWarning('2026-11-01', '2027-03-02', { ...calendar, kubernetes: { versions: [] } })).toBe(
      'the knowledge base is dated 2026-11-01, 121 days ago: the newest EKS version it knows is 1.36: 1.37 may have come to EKS since and is not in it, nor are add-on releases and support-date changes after 2026-11-01; update upshift or add current rows with --data FILE',
    );
  });
});
