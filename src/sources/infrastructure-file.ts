// eksctl ClusterConfig files and CloudFormation templates found among the manifest files.
import { displayPath } from '../core/display-path.js';
import { looksLikeEksctl, readEksctl, type ClusterDescription } from './eksctl.js';
import { looksLikeCloudFormation, readCloudFormation } from './cloudformation.js';

// What looksLikeEksctl and looksLikeCloudFormation each require, found in one pass over a
// file's text instead of two: nearly every file is neither. Keep it in step with them.
const MARKERS = /eksctl\.io\/|AWS::EKS::/;

/** The clusters a manifest file describes when it is eksctl or CloudFormation, else undefined. */
export function readInfrastructureFile(text: string, file: string, cwd: string): ClusterDescription | undefined {
  if (!MARKERS.test(text)) return undefined;
  const path = displayPath(file, cwd);
  if (looksLikeEksctl(text)) return readEksctl(text, path);
  if (looksLikeCloudFormation(text)) return readCloudFormation(text, path);
  return undefined;
}
