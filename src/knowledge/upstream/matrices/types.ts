// What a reader of a published add-on compatibility matrix gives back: rows in the shape of the compatibility
// rows of data/addons/<name>.yaml, so that a person can compare and paste them.
export interface MatrixRow {
  /** The add-on releases the row covers, as a semver range ("1.21.x", "1.15.1"). */
  versions: string;
  kubernetesMin: string | null;
  /** Null where the project publishes no upper bound. */
  kubernetesMax: string | null;
  note?: string;
}

export interface MatrixReader {
  /** The add-on's name in data/addons/. */
  addon: string;
  /** The repository to check out, and the URL the rows cite. */
  repository: string;
  source: string;
  /** Reads the rows from a checkout of the repository; throws naming the file when it is not where or what it should be. */
  read(checkout: string): MatrixRow[];
}
