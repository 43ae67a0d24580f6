// How a chart reference's version becomes the add-on release judged: exact, a range within one
// minor (judged at that minor), or a range across minors and no version at all (not judged).
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../knowledge/load.js';
import { chartAppVersion } from './detect.js';

const addons = loadKnowledge().addons;
const certManager = addons.get('cert-manager')!;
const autoscaler = addons.get('cluster-autoscaler')!;

describe('chartAppVersion', () => {
  it('maps an exact chart version as before', () => {
    expect(chartAppVersion(certManager, 'v1.12.3')).toEqual({ version: '1.12.3' });
    expect(chartAppVersion(autoscaler, '9.28.0')).toEqual({ version: '1.26.2' });
  });

  it('takes a range within one minor at the newest release the knowledge base lists in it, else at its lowest', () => {
    expect(chartAppVersion(certManager, '1.20.x')).toEqual({ version: '1.20.3' });
    expect(chartAppVersion(certManager, '~1.20.0')).toEqual({ version: '1.20.3' });
    expect(chartAppVersion(autoscaler, '9.28.x')).toEqual({ version: '1.26.2' });
    // No 1.7 release is listed: 1.7.0, whose compatibility is the minor's.
    expect(chartAppVersion(certManager, '1.7.x')).toEqual({ version: '1.7.0' });
  });

  it('leaves a range across minors, and no version, unjudged', () => {
    expect(chartAppVersion(certManager, '1.x')).toEqual({ versionRange: '1.x' });
    expect(chartAppVersion(certManager, '>=1.12.0 <2.0.0')).toEqual({ versionRange: '>=1.12.0 <2.0.0' });
    expect(chartAppVersion(certManager, '*')).toEqual({ versionRange: '*' });
    expect(chartAppVersion(certManager, undefined)).toEqual({ versionRange: '*' });
    expect(chartAppVersion(certManager, ' ')).toEqual({ versionRange: '*' });
  });

  it('leaves a version an ApplicationSet generator fills in from outside the scan as its template', () => {
    expect(chartAppVersion(certManager, '{{values.addonChartVersion}}')).toEqual({ versionTemplate: '{{values.addonChartVersion}}' });
  });
});
